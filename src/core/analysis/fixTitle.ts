// A fix that changes behaviour says so in its title, the same way everywhere (quick fix menu, CLI,
// fix-all): the engine and the manifest checks pass every fix title through `fixTitle`.

/** How a title says that its fix changes behaviour ("changes behaviour: …", "(may change behaviour)"). */
export const CHANGES_BEHAVIOUR = /\b(changes|may change) behaviour\b/i;

/** The title of a fix as shown: an unsafe fix's title that does not say it changes behaviour gets "(changes behaviour)". */
export function fixTitle(title: string, safe: boolean): string {
  return safe || CHANGES_BEHAVIOUR.test(title) ? title : `${title} (changes behaviour)`;
}
