/**
 * Raised for input the adapter cannot encode. The message alone says what to fix:
 * which argument, row and column, the value seen and what was expected.
 */
export class AdapterInputError extends Error {
  override readonly name = 'AdapterInputError';
  /** Zero-based row index of the offending record, when one record is at fault. */
  readonly row: number | undefined;
  /** Column at fault, when one column is at fault. */
  readonly column: string | undefined;

  constructor(message: string, where: { row?: number; column?: string } = {}) {
    super(message);
    this.row = where.row;
    this.column = where.column;
  }
}
