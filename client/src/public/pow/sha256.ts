// A small synchronous SHA-256 for the anti-abuse proof of work. WebCrypto's digest is
// async and costs a promise per attempt, far too slow for ~65k attempts on a cheap phone.
// The challenge prefix is hashed once ("midstate"); each attempt hashes only the tail.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const w = new Uint32Array(64);

/** One 64-byte block at `offset` folded into `state` (8 words, updated in place). */
function compress(state: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (block[j] << 24) | (block[j + 1] << 16) | (block[j + 2] << 8) | block[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15];
    const b = w[i - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0],
    b = state[1],
    c = state[2],
    d = state[3],
    e = state[4],
    f = state[5],
    g = state[6],
    h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i] + w[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

/** Appends SHA-256 padding for a message of `totalLength` bytes; `tail` holds its last partial block. */
function padTail(buffer: Uint8Array, tailLength: number, totalLength: number): number {
  buffer[tailLength] = 0x80;
  const blocks = tailLength + 9 <= 64 ? 1 : 2;
  const end = blocks * 64;
  buffer.fill(0, tailLength + 1, end - 8);
  const bits = totalLength * 8;
  // Message lengths here stay far below 2^32 bits; the high word is zero.
  buffer[end - 8] = buffer[end - 7] = buffer[end - 6] = buffer[end - 5] = 0;
  buffer[end - 4] = bits >>> 24;
  buffer[end - 3] = bits >>> 16;
  buffer[end - 2] = bits >>> 8;
  buffer[end - 1] = bits;
  return blocks;
}

/** SHA-256 of `bytes` as 32 bytes (general form, used by tests and as a reference). */
export function sha256(bytes: Uint8Array): Uint8Array {
  const state = Uint32Array.from(INITIAL_STATE);
  const full = Math.floor(bytes.length / 64);
  for (let i = 0; i < full; i++) compress(state, bytes, i * 64);
  const tail = new Uint8Array(128);
  const rest = bytes.length - full * 64;
  tail.set(bytes.subarray(full * 64));
  const blocks = padTail(tail, rest, bytes.length);
  for (let i = 0; i < blocks; i++) compress(state, tail, i * 64);
  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    out[i * 4] = state[i] >>> 24;
    out[i * 4 + 1] = state[i] >>> 16;
    out[i * 4 + 2] = state[i] >>> 8;
    out[i * 4 + 3] = state[i];
  }
  return out;
}

/** Leading zero bits of a digest given as its first two state words (enough for up to 64 bits). */
function leadingZeroBits(word0: number, word1: number): number {
  return word0 !== 0 ? Math.clz32(word0) : 32 + Math.clz32(word1);
}

/**
 * Looks for a decimal nonce in [from, from + count) such that SHA-256 of
 * `${challenge}:${nonce}` has at least `bits` leading zero bits. Returns it, or null.
 */
export function searchNonce(challenge: string, bits: number, from: number, count: number): string | null {
  const prefix = new TextEncoder().encode(`${challenge}:`);
  const midstate = Uint32Array.from(INITIAL_STATE);
  const full = Math.floor(prefix.length / 64);
  for (let i = 0; i < full; i++) compress(midstate, prefix, i * 64);
  const carried = prefix.subarray(full * 64);

  const state = new Uint32Array(8);
  const tail = new Uint8Array(128);
  tail.set(carried);
  const end = from + count;
  for (let n = from; n < end; n++) {
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) tail[carried.length + i] = digits.charCodeAt(i);
    const tailLength = carried.length + digits.length;
    const blocks = padTail(tail, tailLength, prefix.length + digits.length);
    state.set(midstate);
    for (let i = 0; i < blocks; i++) compress(state, tail, i * 64);
    if (leadingZeroBits(state[0], state[1]) >= bits) return digits;
  }
  return null;
}
