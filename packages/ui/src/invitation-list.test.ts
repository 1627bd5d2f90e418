import { describe, expect, it } from 'vitest';
import { addressesInCsv, pastedEntries } from './invitation-list.ts';

describe('a pasted list of addresses', () => {
  it('keeps every entry, what is not an address included, in order and once', () => {
    expect(pastedEntries('anna@shop.example, not-an-address\nBen Brown <ben@shop.example>; anna@shop.example\n\n  carl@shop.example dora@shop.example ')).toEqual([
      'anna@shop.example',
      'not-an-address',
      'ben@shop.example',
      'carl@shop.example',
      'dora@shop.example',
    ]);
  });

  it('takes only the addresses of a CSV file, not its names or header', () => {
    expect(addressesInCsv('name,email\nAnna,anna@shop.example\n"Ben, B.",ben@shop.example\n')).toEqual(['anna@shop.example', 'ben@shop.example']);
  });
});
