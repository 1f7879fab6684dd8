/** One sampled request, as the generators hand it over (codes are indexes into the request vocabularies). */
export interface RequestRow {
  tsMs: number;
  zoneIndex: number;
  countryCode: number;
  status: number;
  cacheCode: number;
  bytes: number;
  ipCode: number;
  interval: number;
}

/**
 * Column-wise, growable storage for generated request rows. Half a million
 * rows as objects would cost far more memory and GC time than typed arrays.
 */
export class RequestRows {
  length = 0;
  tsMs = new Float64Array(1024);
  zoneIndex = new Int32Array(1024);
  countryCode = new Uint8Array(1024);
  status = new Uint16Array(1024);
  cacheCode = new Uint8Array(1024);
  bytes = new Float64Array(1024);
  ipCode = new Int32Array(1024);
  interval = new Uint8Array(1024);

  push(row: RequestRow): void {
    if (this.length === this.tsMs.length) this.grow();
    const i = this.length++;
    this.tsMs[i] = row.tsMs;
    this.zoneIndex[i] = row.zoneIndex;
    this.countryCode[i] = row.countryCode;
    this.status[i] = row.status;
    this.cacheCode[i] = row.cacheCode;
    this.bytes[i] = row.bytes;
    this.ipCode[i] = row.ipCode;
    this.interval[i] = row.interval;
  }

  /** Row positions ordered by time (ties by insertion order), the order rows are written in. */
  timeOrder(): Uint32Array {
    const order = new Uint32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const ts = this.tsMs;
    return order.sort((x, y) => (ts[x] ?? 0) - (ts[y] ?? 0) || x - y);
  }

  private grow(): void {
    const size = this.tsMs.length * 2;
    this.tsMs = resized(this.tsMs, new Float64Array(size));
    this.zoneIndex = resized(this.zoneIndex, new Int32Array(size));
    this.countryCode = resized(this.countryCode, new Uint8Array(size));
    this.status = resized(this.status, new Uint16Array(size));
    this.cacheCode = resized(this.cacheCode, new Uint8Array(size));
    this.bytes = resized(this.bytes, new Float64Array(size));
    this.ipCode = resized(this.ipCode, new Int32Array(size));
    this.interval = resized(this.interval, new Uint8Array(size));
  }
}

function resized<T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
