/** The queue was used after `close()`. */
export class QueueClosedError extends Error {
  readonly code = 'queue:closed';
  override readonly name = this.constructor.name;
  constructor(message = 'the queue is closed') {
    super(message);
  }
}
