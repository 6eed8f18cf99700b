// The application talks to the database through mongoose, so the features it
// relies on are exercised here end to end against the engine.
import mongoose, { Schema, Types, type Connection } from 'mongoose';
import { startTestDatabase, type TestDatabase } from './support/database';

let db: TestDatabase;
let conn: Connection;

beforeAll(async () => {
  db = await startTestDatabase();
  conn = await mongoose.createConnection(db.uri, { dbName: db.dbName('mongoose') }).asPromise();
});

afterAll(async () => {
  await conn?.close();
  await db?.stop();
});

interface User {
  email: string;
  name?: string;
  age?: number;
  createdAt?: Date;
  updatedAt?: Date;
}

interface Author {
  name: string;
}

interface Book {
  title: string;
  author: Types.ObjectId;
  pages: number;
}

interface Account {
  owner: string;
  balance: number;
}

function userModel() {
  const schema = new Schema<User>(
    {
      email: { type: String, required: true, unique: true },
      name: String,
      age: { type: Number, min: 0 },
    },
    { timestamps: true },
  );
  return conn.models.User ?? conn.model<User>('User', schema);
}

function libraryModels() {
  const AuthorModel =
    conn.models.Author ?? conn.model<Author>('Author', new Schema<Author>({ name: { type: String, required: true } }));
  const BookModel =
    conn.models.Book ??
    conn.model<Book>(
      'Book',
      new Schema<Book>({
        title: { type: String, required: true },
        author: { type: Schema.Types.ObjectId, ref: 'Author', required: true },
        pages: { type: Number, required: true },
      }),
    );
  return { AuthorModel: AuthorModel as mongoose.Model<Author>, BookModel: BookModel as mongoose.Model<Book> };
}

function accountModel(): mongoose.Model<Account> {
  return (conn.models.Account ??
    conn.model<Account>(
      'Account',
      new Schema<Account>({
        owner: { type: String, required: true, unique: true },
        balance: { type: Number, required: true },
      }),
    )) as mongoose.Model<Account>;
}

describe('mongoose', () => {
  test('unique index from the schema: duplicate create fails with code 11000', async () => {
    const UserModel = userModel();
    await UserModel.init();
    await UserModel.create({ email: 'ann@example.com', name: 'Ann' });
    let caught: unknown;
    try {
      await UserModel.create({ email: 'ann@example.com', name: 'Other' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect((caught as mongoose.mongo.MongoServerError).code).toBe(11000);
    expect((caught as mongoose.mongo.MongoServerError).keyValue).toEqual({ email: 'ann@example.com' });
    expect(await UserModel.countDocuments({ email: 'ann@example.com' })).toBe(1);
  });

  test('timestamps are set on create and updatedAt moves on update', async () => {
    const UserModel = userModel();
    const created = await UserModel.create({ email: 'ts@example.com' });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.updatedAt?.getTime()).toBe(created.createdAt?.getTime());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await UserModel.updateOne({ _id: created._id }, { $set: { name: 'Timestamped' } });
    const reloaded = await UserModel.findById(created._id).lean();
    expect(reloaded?.name).toBe('Timestamped');
    expect(reloaded?.createdAt?.getTime()).toBe(created.createdAt?.getTime());
    expect(reloaded?.updatedAt?.getTime()).toBeGreaterThan(created.updatedAt?.getTime() ?? Infinity);
  });

  test('validation rejects bad documents before anything is written', async () => {
    const UserModel = userModel();
    const before = await UserModel.countDocuments();
    await expect(UserModel.create({ name: 'no email' })).rejects.toBeInstanceOf(mongoose.Error.ValidationError);
    await expect(UserModel.create({ email: 'neg@example.com', age: -1 })).rejects.toBeInstanceOf(
      mongoose.Error.ValidationError,
    );
    expect(await UserModel.countDocuments()).toBe(before);
    const valid = await UserModel.create({ email: 'v@example.com', age: 3 });
    await expect(
      UserModel.updateOne({ _id: valid._id }, { $set: { age: -5 } }, { runValidators: true }),
    ).rejects.toBeInstanceOf(mongoose.Error.ValidationError);
    expect((await UserModel.findById(valid._id).lean())?.age).toBe(3);
  });

  test('populate resolves references', async () => {
    const { AuthorModel, BookModel } = libraryModels();
    const [tolkien, austen] = await AuthorModel.create([{ name: 'Tolkien' }, { name: 'Austen' }]);
    await BookModel.create([
      { title: 'The Hobbit', author: tolkien._id, pages: 310 },
      { title: 'Emma', author: austen._id, pages: 474 },
      { title: 'Silmarillion', author: tolkien._id, pages: 365 },
    ]);
    const book = await BookModel.findOne({ title: 'Emma' }).populate<{ author: Author }>('author').lean();
    expect(book?.author.name).toBe('Austen');
    const books = await BookModel.find({ author: tolkien._id })
      .sort({ title: 1 })
      .populate<{ author: Author }>('author');
    expect(books.map((b) => [b.title, b.author.name])).toEqual([
      ['Silmarillion', 'Tolkien'],
      ['The Hobbit', 'Tolkien'],
    ]);
  });

  test('aggregate with $lookup across models', async () => {
    const { AuthorModel, BookModel } = libraryModels();
    const [leGuin, woolf] = await AuthorModel.create([{ name: 'Le Guin' }, { name: 'Woolf' }]);
    await BookModel.create([
      { title: 'Earthsea', author: leGuin._id, pages: 200 },
      { title: 'The Dispossessed', author: leGuin._id, pages: 387 },
      { title: 'Orlando', author: woolf._id, pages: 333 },
    ]);
    const rows = await AuthorModel.aggregate<{ name: string; books: number; pages: number }>([
      { $match: { name: { $in: ['Le Guin', 'Woolf'] } } },
      {
        $lookup: { from: BookModel.collection.collectionName, localField: '_id', foreignField: 'author', as: 'books' },
      },
      { $project: { _id: 0, name: 1, books: { $size: '$books' }, pages: { $sum: '$books.pages' } } },
      { $sort: { name: 1 } },
    ]);
    expect(rows).toEqual([
      { name: 'Le Guin', books: 2, pages: 587 },
      { name: 'Woolf', books: 1, pages: 333 },
    ]);
  });

  test('lean queries return plain objects', async () => {
    const UserModel = userModel();
    await UserModel.create({ email: 'lean@example.com', name: 'Lean' });
    const doc = await UserModel.findOne({ email: 'lean@example.com' }).lean();
    expect(doc).not.toBeNull();
    expect(doc instanceof mongoose.Document).toBe(false);
    expect(doc?._id).toBeInstanceOf(Types.ObjectId);
    expect(doc?.name).toBe('Lean');
    const hydrated = await UserModel.findOne({ email: 'lean@example.com' });
    expect(hydrated instanceof mongoose.Document).toBe(true);
  });

  test('findOneAndUpdate with upsert creates then increments', async () => {
    const Counter =
      conn.models.Counter ??
      conn.model('Counter', new Schema({ name: { type: String, required: true }, seq: { type: Number, default: 0 } }));
    const first = await Counter.findOneAndUpdate(
      { name: 'orders' },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(first?.seq).toBe(1);
    const second = await Counter.findOneAndUpdate(
      { name: 'orders' },
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    expect(second?.seq).toBe(2);
    expect(String(second?._id)).toBe(String(first?._id));
    expect(await Counter.countDocuments({ name: 'orders' })).toBe(1);
  });

  test('Model.bulkWrite', async () => {
    const AccountModel = accountModel();
    await AccountModel.init();
    await AccountModel.create([
      { owner: 'bulk-a', balance: 1 },
      { owner: 'bulk-b', balance: 2 },
    ]);
    const res = await AccountModel.bulkWrite([
      { insertOne: { document: { owner: 'bulk-c', balance: 3 } } },
      { updateOne: { filter: { owner: 'bulk-a' }, update: { $inc: { balance: 10 } } } },
      { deleteOne: { filter: { owner: 'bulk-b' } } },
      { updateOne: { filter: { owner: 'bulk-d' }, update: { $set: { balance: 4 } }, upsert: true } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    expect(res.deletedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    const rows = await AccountModel.find({ owner: /^bulk-/ })
      .sort({ owner: 1 })
      .lean();
    expect(rows.map((r) => [r.owner, r.balance])).toEqual([
      ['bulk-a', 11],
      ['bulk-c', 3],
      ['bulk-d', 4],
    ]);
  });

  test('connection.transaction commits, and rolls back when the callback throws', async () => {
    const AccountModel = accountModel();
    await AccountModel.init();
    await AccountModel.create([
      { owner: 'tx-a', balance: 100 },
      { owner: 'tx-b', balance: 0 },
    ]);
    await conn.transaction(async (session) => {
      await AccountModel.updateOne({ owner: 'tx-a' }, { $inc: { balance: -40 } }, { session });
      await AccountModel.updateOne({ owner: 'tx-b' }, { $inc: { balance: 40 } }, { session });
    });
    await expect(
      conn.transaction(async (session) => {
        await AccountModel.updateOne({ owner: 'tx-a' }, { $inc: { balance: -1000 } }, { session });
        await AccountModel.create([{ owner: 'tx-c', balance: 1 }], { session });
        throw new Error('insufficient funds');
      }),
    ).rejects.toThrow('insufficient funds');
    const rows = await AccountModel.find({ owner: /^tx-/ }).sort({ owner: 1 }).lean();
    expect(rows.map((r) => [r.owner, r.balance])).toEqual([
      ['tx-a', 60],
      ['tx-b', 40],
    ]);
  });

  test('session.withTransaction through mongoose', async () => {
    const AccountModel = accountModel();
    await AccountModel.init();
    const session = await conn.startSession();
    try {
      await session.withTransaction(async () => {
        await AccountModel.create([{ owner: 'ws-a', balance: 5 }], { session });
        // Read-your-own-writes inside the transaction.
        expect(await AccountModel.countDocuments({ owner: 'ws-a' }).session(session)).toBe(1);
        // Not yet visible outside it.
        expect(await AccountModel.countDocuments({ owner: 'ws-a' })).toBe(0);
      });
    } finally {
      await session.endSession();
    }
    expect(await AccountModel.countDocuments({ owner: 'ws-a' })).toBe(1);
  });

  test('Model.syncIndexes drops indexes the schema no longer declares and builds new ones', async () => {
    const schema = new Schema({
      sku: { type: String, index: true },
      legacy: String,
      code: { type: String, unique: true, sparse: true },
    });
    const Product = conn.model('Product', schema);
    await Product.init();
    await Product.collection.createIndex({ legacy: 1 });
    const namesBefore = (await Product.listIndexes()).map((i) => String(i.name)).sort();
    expect(namesBefore).toEqual(['_id_', 'code_1', 'legacy_1', 'sku_1']);
    const dropped = await Product.syncIndexes();
    expect(dropped).toEqual(['legacy_1']);
    const namesAfter = (await Product.listIndexes()).map((i) => String(i.name)).sort();
    expect(namesAfter).toEqual(['_id_', 'code_1', 'sku_1']);
    await Product.create([{ sku: 'a' }, { sku: 'b' }]);
    await Product.create({ sku: 'c', code: 'X' });
    await expect(Product.create({ sku: 'd', code: 'X' })).rejects.toMatchObject({ code: 11000 });
  });
});
