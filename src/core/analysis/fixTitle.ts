// A fix that changes behaviour says so in its title, the same way everywhere (quick fix menu, CLI,
// fix-all): the engine and the manifest checks pass every fix title through `fixTitle`.
import { msg, render, type Msg } from '../l10n/text';

/** How a title says that its fix changes behaviour ("changes behaviour: …", "(may change behaviour)"). */
export const CHANGES_BEHAVIOUR = /\b(changes|may change) behaviour\b/i;

/** The title of a fix as shown: an unsafe fix's title that does not say it changes behaviour gets "(changes behaviour)". */
export function fixTitle(title: Msg, safe: boolean): { title: string; l10n: Msg } {
  const english = render(title);
  if (safe || CHANGES_BEHAVIOUR.test(english)) return { title: english, l10n: title };
  const l10n = msg('{0} (changes behaviour)', title);
  return { title: render(l10n), l10n };
}
