// A quote request that cannot be answered: names the field at fault, in both languages.
export class RewardInputError extends Error {
  override readonly name = 'RewardInputError';

  constructor(
    /** The input field at fault, e.g. 'accidentGrade'. */
    readonly path: string,
    readonly text: { zh: string; en: string },
  ) {
    super(text.en);
  }
}
