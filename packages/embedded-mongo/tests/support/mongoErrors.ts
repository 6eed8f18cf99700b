import { MongoServerError } from 'mongodb';

/** Resolves with the server error the operation failed with; fails the test if it succeeded. */
export async function serverError(op: Promise<unknown>): Promise<MongoServerError> {
  try {
    await op;
  } catch (err) {
    if (err instanceof MongoServerError) return err;
    throw err;
  }
  throw new Error('expected the operation to fail with a server error');
}
