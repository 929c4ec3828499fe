import { ConflictError } from '../errors';

/**
 * 409: the customer opted out of messages from this business number (a STOP keyword, the API or an
 * import), so nothing is started or sent; they opt back in by writing a START keyword.
 */
export class RecipientOptedOutError extends ConflictError {
  constructor(readonly customerPhone: string) {
    super(
      `${customerPhone} has opted out of messages from this business number; nothing was sent. ` +
        'They opt back in by writing START (or set the contact opted_in if they agreed another way)',
    );
  }
}
