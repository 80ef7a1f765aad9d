/**
 * R string literals: decoding through escapes and raw strings, and the map from decoded characters
 * back to the R file that embedded SQL positions depend on.
 */
import { strict as assert } from 'node:assert';
import { concatPieces, constantValue, flatten, holePiece, syntheticText, textPiece } from '../../../server/src/languages/r/syntax/pieces';
import { decodedIndex, decodeString, hostRange, isSyntacticName } from '../../../server/src/languages/r/syntax/strings';

function decode(literal: string) {
  const decoded = decodeString(literal, 0, literal.length);
  assert.ok(decoded, `${literal} decodes`);
  return decoded;
}

describe('R: string literals', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['"plain"', 'plain'],
    ["'single'", 'single'],
    ['"tab\\there"', 'tab\there'],
    ['"quote \\" inside"', 'quote " inside'],
    ['"back\\\\slash"', 'back\\slash'],
    ['"\\x41\\u00e9\\U{1F600}"', 'Aé😀'],
    ['"octal \\101"', 'octal A'],
    ['"line\nbreak"', 'line\nbreak'],
    ['r"(raw \\n "quoted")"', 'raw \\n "quoted"'],
    ['R"---[dashes ]" ]---"', 'dashes ]" '],
    ["r'{braces}'", 'braces'],
  ];
  for (const [literal, value] of cases) {
    it(`decodes ${literal.replace(/\n/g, '⏎')}`, () => assert.equal(decode(literal).value, value));
  }

  it('maps every decoded character back to its place, escapes to their backslash', () => {
    const literal = '"a\\"b\\tc"';
    const decoded = decode(literal);
    assert.equal(decoded.value, 'a"b\tc');
    assert.deepEqual([...decoded.value].map((_, i) => literal[decoded.offsets[i]!]), ['a', '\\', 'b', '\\', 'c']);
    assert.deepEqual(hostRange(decoded, 1, 3), { start: 2, end: 5 });
    assert.equal(literal.slice(hostRange(decoded, 2, 5).start, hostRange(decoded, 2, 5).end), 'b\\tc');
  });

  it('finds the decoded position of an offset in the R file', () => {
    const decoded = decode('"ab\\ncd"');
    assert.equal(decodedIndex(decoded, 1), 0);
    assert.equal(decodedIndex(decoded, 3), 2);
    assert.equal(decodedIndex(decoded, 4), 3);
    assert.equal(decodedIndex(decoded, 5), 3);
    assert.equal(decodedIndex(decoded, 7), 5);
    assert.equal(decodedIndex(decoded, 0), undefined);
  });

  it('keeps one offset per UTF-16 unit for escapes outside the basic plane', () => {
    const decoded = decode('"\\U{1F600}x"');
    assert.equal(decoded.value, '😀x');
    assert.equal(decoded.offsets.length, decoded.value.length + 1);
    assert.equal(decoded.offsets[2], 10);
  });

  it('reads an unterminated literal to its end', () => {
    const decoded = decode('"SELECT x');
    assert.equal(decoded.terminated, false);
    assert.equal(decoded.value, 'SELECT x');
  });

  it('knows which names R takes without backticks', () => {
    assert.ok(isSyntacticName('fsmeligible_spr19'));
    assert.ok(isSyntacticName('.hidden'));
    assert.ok(!isSyntacticName('free meals'));
    assert.ok(!isSyntacticName('2019'));
    assert.ok(!isSyntacticName('if'));
  });
});

describe('R: pieced strings', () => {
  it('flattens text and holes with a map back to each literal', () => {
    const first = decode('"SELECT "');
    const text = '"SELECT " + cols + " FROM t"';
    const second = decodeString(text, 19, 27)!;
    const pieced = concatPieces([{ pieces: [textPiece(first)] }, { pieces: [holePiece(12, 16)] }, { pieces: [textPiece(second)] }]);
    assert.equal(constantValue(pieced), undefined);
    const flat = flatten(pieced, (i) => `__h${i}__`);
    assert.equal(flat.value, 'SELECT __h0__ FROM t');
    assert.deepEqual(flat.holes, [{ from: 7, to: 13, start: 12, end: 16 }]);
    assert.equal(flat.segments.length, 2);
    assert.equal(flat.offsets[flat.value.indexOf('FROM')], text.indexOf('FROM'));
  });

  it('keeps separators R adds as synthetic text', () => {
    const pieced = concatPieces([{ pieces: [textPiece(decode('"a"'))] }, { pieces: [syntheticText(' ', 3)] }, { pieces: [textPiece(decode('"b"'))] }]);
    assert.equal(constantValue(pieced), 'a b');
  });
});
