import { describe, expect, it } from "vitest";
import { findPii } from "./find-pii.js";
import { maskPiiText } from "./mask-pii-text.js";

const kinds = (text: string) => findPii(text).map((m) => `${m.kind}:${text.slice(m.start, m.end)}`);

describe("findPii", () => {
  it.each([
    ["write to mateo@example.com today", "email:mateo@example.com"],
    ["<Ana.Lopez+billing@mail.example.co.uk>", "email:Ana.Lopez+billing@mail.example.co.uk"],
    ["ends a sentence: ops@example.org.", "email:ops@example.org"],
    ["client 203.0.113.7 sent it", "ip_address:203.0.113.7"],
    ["from 10.0.0.1/8", "ip_address:10.0.0.1"],
    ["v6 2001:db8::8a2e:370:7334 here", "ip_address:2001:db8::8a2e:370:7334"],
    ["full 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "ip_address:2001:0db8:85a3:0000:0000:8a2e:0370:7334"],
    ["link-local fe80::1ff:fe23:4567:890a", "ip_address:fe80::1ff:fe23:4567:890a"],
    ["mapped ::ffff:192.0.2.1", "ip_address:::ffff:192.0.2.1"],
    ["call +44 20 7946 0958", "phone:+44 20 7946 0958"],
    ["call +1 (555) 123-4567.", "phone:+1 (555) 123-4567"],
    ["'+4915123456789'", "phone:+4915123456789"],
  ])("finds %s", (text, expected) => {
    expect(kinds(text)).toEqual([expected]);
  });

  it.each([
    "2026-11-30T10:00:00Z",
    "2026-11-30T10:00:00+01:00",
    "2026-11-30 12:00:00.123",
    "1.2.3",
    "v1.5.6",
    "DuckDB v1.5.6-r.1",
    "1.2.3.4.5",
    "12:30",
    "10:00:00",
    "SELECT a.b FROM c.d",
    "SELECT ad::date, c::bad, x::int, 1::int FROM t",
    "Code: 6, e.displayText() = DB::Exception: Cannot parse",
    "00:1a:2b:3c:4d:5e",
    "42, 3.14, -7, 1e10, 12345678901234",
    "UTC+05:30",
    "+1",
    "user@localhost",
    "analytics.http_requests",
    "::1",
  ])("leaves %s alone", (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("keeps a server's address when asked (the operator's log), and only then", () => {
    const text = "connect ECONNREFUSED 127.0.0.1:5432 for client 203.0.113.7 via http://10.1.2.3:8123 and [2001:db8::1]:9000";
    expect(maskPiiText(text)).toBe("connect ECONNREFUSED [ip_address]:5432 for client [ip_address] via http://[ip_address]:8123 and [[ip_address]]:9000");
    expect(maskPiiText(text, { keepServerAddresses: true })).toBe("connect ECONNREFUSED 127.0.0.1:5432 for client [ip_address] via http://10.1.2.3:8123 and [2001:db8::1]:9000");
  });
});

describe("maskPiiText", () => {
  it("replaces each value by its kind and is idempotent", () => {
    const text = "mateo@example.com from 203.0.113.7 (+44 20 7946 0958) at 2026-11-30T10:00:00Z";
    const masked = maskPiiText(text);
    expect(masked).toBe("[email] from [ip_address] ([phone]) at 2026-11-30T10:00:00Z");
    expect(maskPiiText(masked)).toBe(masked);
  });
});
