// Code lists are `as const` arrays beside the unions in db/schema.ts (which mirror the migrations' CHECK
// constraints). Two helpers serve every list: a compile-time check that a list names every member of its union, and
// the membership test.

/** True only when the list names every member of the union (a compile-time check). */
export type CoversUnion<List extends readonly string[], Union extends string> = [Union] extends [List[number]]
  ? true
  : never

/** Whether the value is a member of the list (narrowing it to the list's members). */
export const isOneOf = <const List extends readonly string[]>(list: List, value: string): value is List[number] =>
  (list as readonly string[]).includes(value)
