// autocannon ships no types; bench/bench.ts describes the part of its API it uses.
declare module 'autocannon'
