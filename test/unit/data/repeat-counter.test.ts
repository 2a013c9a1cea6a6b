/** Repeat counting: exact within its limit, a HyperLogLog estimate past it, bounded either way. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Hash64, HashTable64 } from "../../../src/data/validate/hash-table.ts";
import { RepeatCounter } from "../../../src/data/validate/repeat-counter.ts";

function hashOf(value: number): [number, number] {
  const hash = new Hash64();
  hash.text(`row-${value}`);
  return [hash.h1, hash.h2];
}

describe("HashTable64", () => {
  test("keeps every key below maxSize and turns new ones away after it, flagging full", () => {
    const table = new HashTable64({ maxSize: 100 });
    for (let i = 0; i < 100; i++) assert.equal(table.setIfAbsent(...hashOf(i), i), undefined);
    assert.equal(table.full, false);
    assert.equal(table.setIfAbsent(...hashOf(5), 0), 5, "a kept key still answers with its value");
    assert.equal(table.setIfAbsent(...hashOf(100), 100), undefined);
    assert.equal(table.full, true);
    assert.equal(table.get(...hashOf(100)), undefined, "the key past the limit was not stored");
    assert.equal(table.size, 100);
  });

  test("grows past its initial capacity without losing keys", () => {
    const table = new HashTable64({ initialCapacity: 4 });
    for (let i = 0; i < 10_000; i++) table.setIfAbsent(...hashOf(i), i);
    for (let i = 0; i < 10_000; i += 97) assert.equal(table.get(...hashOf(i)), i);
    assert.equal(table.size, 10_000);
  });
});

describe("RepeatCounter", () => {
  // Value i appears (i % 3) + 1 times: of n distinct values, the repeats are n - distinct by construction.
  function feed(counter: RepeatCounter, distinct: number): number {
    let seen = 0;
    for (let i = 0; i < distinct; i++) {
      for (let k = 0; k <= i % 3; k++) {
        counter.add(...hashOf(i), ++seen);
      }
    }
    return seen - distinct;
  }

  test("counts repeats exactly, with the first line, while every key fits", () => {
    const counter = new RepeatCounter(10_000);
    const expected = feed(counter, 3000);
    assert.equal(counter.exact, true);
    assert.equal(counter.repeats, expected);
    assert.equal(counter.add(...hashOf(0), 99_999), 1, "value 0 first came on line 1");
  });

  test("past the limit estimates the repeats within four standard errors of the truth", () => {
    const counter = new RepeatCounter(1000);
    const expected = feed(counter, 60_000);
    assert.equal(counter.exact, false);
    assert.ok(counter.standardError > 0);
    assert.ok(
      Math.abs(counter.repeats - expected) <= 4 * counter.standardError,
      `estimate ${counter.repeats} vs ${expected} ± ${counter.standardError}`,
    );
  });
});
