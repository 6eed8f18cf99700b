// GridFS, as the evidence store uses it: chunked upload, download by name, listing, delete.
import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket } from 'mongodb';
import { driverSuite } from './support/database';

const suite = driverSuite('gridfs');

async function download(bucket: GridFSBucket, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStreamByName(name)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

test('a 1 MB file goes up in chunks and comes back byte for byte; delete removes files and chunks', async () => {
  const bucket = new GridFSBucket(suite.mdb, { bucketName: 'evidence', chunkSizeBytes: 255 * 1024 });
  const bytes = crypto.randomBytes(1024 * 1024 + 17);
  await pipeline(
    Readable.from([bytes]),
    bucket.openUploadStream('a.bin', { metadata: { mime: 'application/octet-stream' } }),
  );

  const [file] = await bucket.find({ filename: 'a.bin' }).toArray();
  expect(file.length).toBe(bytes.length);
  expect(await suite.mdb.collection('evidence.chunks').countDocuments({ files_id: file._id })).toBe(
    Math.ceil(bytes.length / (255 * 1024)),
  );
  expect((await download(bucket, 'a.bin')).equals(bytes)).toBe(true);

  await bucket.delete(file._id);
  expect(await bucket.find({ filename: 'a.bin' }).toArray()).toEqual([]);
  expect(await suite.mdb.collection('evidence.chunks').countDocuments({ files_id: file._id })).toBe(0);
});

test('the newest revision of a name is downloaded; files are listed by upload date', async () => {
  const bucket = new GridFSBucket(suite.mdb, { bucketName: 'revisions' });
  await pipeline(Readable.from([Buffer.from('first')]), bucket.openUploadStream('note.txt'));
  await new Promise((r) => setTimeout(r, 5));
  await pipeline(Readable.from([Buffer.from('second')]), bucket.openUploadStream('note.txt'));
  expect((await download(bucket, 'note.txt')).toString()).toBe('second');
  const listed = await bucket
    .find({ uploadDate: { $lt: new Date(Date.now() + 1000) } })
    .sort({ uploadDate: 1 })
    .toArray();
  expect(listed.map((f) => f.length)).toEqual([5, 6]);
});
