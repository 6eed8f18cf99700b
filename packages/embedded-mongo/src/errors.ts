// Errors carried back to the client as MongoDB shapes them ({ok:0, code, codeName, errmsg}).
import type { Doc } from './bson-values';

export class MongoError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Doc = {},
    readonly labels: string[] = [],
  ) {
    super(message);
  }

  toReply(): Doc {
    const reply: Doc = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.labels.length) reply.errorLabels = this.labels;
    return reply;
  }
}

export const errors = {
  badValue: (msg: string) => new MongoError(2, 'BadValue', msg),
  failedToParse: (msg: string) => new MongoError(9, 'FailedToParse', msg),
  typeMismatch: (msg: string) => new MongoError(14, 'TypeMismatch', msg),
  namespaceNotFound: (msg: string) => new MongoError(26, 'NamespaceNotFound', msg),
  indexNotFound: (msg: string) => new MongoError(27, 'IndexNotFound', msg),
  conflictingUpdate: (msg: string) => new MongoError(40, 'ConflictingUpdateOperators', msg),
  cursorNotFound: (id: string) => new MongoError(43, 'CursorNotFound', `cursor id ${id} not found`),
  namespaceExists: (ns: string) => new MongoError(48, 'NamespaceExists', `Collection ${ns} already exists.`),
  commandNotFound: (name: string) => new MongoError(59, 'CommandNotFound', `no such command: '${name}'`),
  immutableField: (msg: string) => new MongoError(66, 'ImmutableField', msg),
  invalidOptions: (msg: string) => new MongoError(72, 'InvalidOptions', msg),
  indexOptionsConflict: (msg: string) => new MongoError(85, 'IndexOptionsConflict', msg),
  indexKeySpecsConflict: (msg: string) => new MongoError(86, 'IndexKeySpecsConflict', msg),
  writeConflict: () =>
    new MongoError(112, 'WriteConflict', 'Write conflict during plan execution and yielding is disabled.', {}, [
      'TransientTransactionError',
    ]),
  noSuchTransaction: (n: unknown) =>
    new MongoError(251, 'NoSuchTransaction', `Transaction with { txnNumber: ${String(n)} } has been aborted.`, {}, [
      'TransientTransactionError',
    ]),
  transactionTooOld: () => new MongoError(225, 'TransactionTooOld', 'txnNumber is older than the current transaction'),
  operationNotSupportedInTransaction: (msg: string) => new MongoError(263, 'OperationNotSupportedInTransaction', msg),
  duplicateKey: (ns: string, indexName: string, keyPattern: Doc, keyValue: Doc) =>
    new MongoError(
      11000,
      'DuplicateKey',
      `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${JSON.stringify(keyValue)}`,
      {
        keyPattern,
        keyValue,
      },
    ),
  invalidLength: (msg: string) => new MongoError(10334, 'BSONObjectTooLarge', msg),
  invalidNamespace: (msg: string) => new MongoError(73, 'InvalidNamespace', msg),
  maxTimeExpired: () => new MongoError(50, 'MaxTimeMSExpired', 'operation exceeded time limit'),
};
