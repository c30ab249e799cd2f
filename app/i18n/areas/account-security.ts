import { defineMessages } from '~/i18n/define'

// Step-up, account administration (deactivation, two-factor reset) and one's own personal data (issue 11).
export const accountSecurity = defineMessages({
  nb: {
    'stepUp.label': 'Bekreft med passordet ditt',
    'stepUp.description': 'Har du tofaktorinnlogging, kan du i stedet skrive koden fra autentiseringsappen.',
    'stepUp.required': 'Bekreft at det er deg: skriv passordet ditt (eller en kode fra appen) først.',
    'stepUp.wrong': 'Passordet eller koden stemmer ikke.',
    'stepUp.title': 'Bekreft at det er deg',
    'stepUp.intro':
      'Endringer av andres kontoer krever at du nylig har bekreftet passordet ditt (eller en kode fra appen). Bekreftelsen gjelder i {minutes, plural, one {# minutt} other {# minutter}}.',
    'stepUp.submit': 'Bekreft',
    'stepUp.confirmed': 'Bekreftet. Du kan gjøre endringer de neste minuttene.',
    'stepUp.done': 'Du har bekreftet at det er deg.',
    'signIn.deactivated': 'Kontoen er deaktivert. Ta kontakt med en koordinator hvis du mener dette er feil.',
    'users.title': 'Brukerkontoer',
    'users.intro':
      'Deaktiver en konto som ikke lenger skal brukes (øktene avsluttes med en gang), aktiver den igjen, eller nullstill tofaktorinnlogging for en som har mistet telefonen. Alt føres i revisjonsloggen.',
    'users.col.account': 'Konto',
    'users.active': 'Aktiv',
    'users.deactivatedSince': 'Deaktivert {date}',
    'users.deactivate': 'Deaktiver',
    'users.reactivate': 'Aktiver igjen',
    'users.resetTwoFactor': 'Nullstill tofaktor',
    'users.deactivated': 'Kontoen er deaktivert, og øktene er avsluttet.',
    'users.reactivated': 'Kontoen er aktiv igjen.',
    'users.twoFactorReset': 'Tofaktorinnlogging er nullstilt, og øktene er avsluttet.',
    'users.actionsFor': '{action}: {name}',
    'users.confirm': '{action}: {name}? Personen blir logget ut med en gang.',
    'account.data.title': 'Dine personopplysninger',
    'account.data.intro':
      'Last ned alt Erfaringsbanken lagrer om deg: konto, økter, revisjonslogg om deg og det du har skrevet. Filen er i JSON-format.',
    'account.data.download': 'Last ned opplysningene om deg (JSON)',
  },
  en: {
    'stepUp.label': 'Confirm with your password',
    'stepUp.description': 'With two-factor sign-in on, you may type the code from your authenticator app instead.',
    'stepUp.required': 'Confirm it is you: type your password (or a code from the app) first.',
    'stepUp.wrong': 'The password or code is not right.',
    'stepUp.title': 'Confirm it is you',
    'stepUp.intro':
      "Changes to other people's accounts need you to have confirmed your password (or a code from the app) recently. The confirmation lasts {minutes, plural, one {# minute} other {# minutes}}.",
    'stepUp.submit': 'Confirm',
    'stepUp.confirmed': 'Confirmed. You can make changes for the next few minutes.',
    'stepUp.done': 'You have confirmed it is you.',
    'signIn.deactivated': 'This account is deactivated. Contact a coordinator if you think this is a mistake.',
    'users.title': 'User accounts',
    'users.intro':
      'Deactivate an account that should no longer be used (its sessions end at once), reactivate it, or reset two-factor sign-in for someone who lost their phone. Everything is written to the audit log.',
    'users.col.account': 'Account',
    'users.active': 'Active',
    'users.deactivatedSince': 'Deactivated {date}',
    'users.deactivate': 'Deactivate',
    'users.reactivate': 'Reactivate',
    'users.resetTwoFactor': 'Reset two-factor',
    'users.deactivated': 'The account is deactivated and its sessions have ended.',
    'users.reactivated': 'The account is active again.',
    'users.twoFactorReset': 'Two-factor sign-in is reset and the sessions have ended.',
    'users.actionsFor': '{action}: {name}',
    'users.confirm': '{action}: {name}? The person is signed out at once.',
    'account.data.title': 'Your personal data',
    'account.data.intro':
      'Download everything Erfaringsbanken stores about you: account, sessions, the audit log about you and what you have written. The file is JSON.',
    'account.data.download': 'Download your data (JSON)',
  },
})
