// Hostile input must cost linear time: a cheap guard per case at small sizes (spec/sse/sse-growth-cases.ts;
// plain `it` in a loop, since the browser run's jest shim has no `it.each`). The ratios at size are
// measured by `npm run bench -- linearity`, not here.
import { describe, expect, it } from '@jest/globals';
import { guardRatio } from '../helpers/growth.js';
import { sseGrowthCases } from './sse-growth-cases.js';

describe('createSSEParser and createSSEDecoder run in linear time', () => {
  for (const growthCase of sseGrowthCases) {
    it(`${growthCase.name}: ${growthCase.expected}`, () => {
      expect(guardRatio(growthCase)).toBeLessThan(growthCase.limit);
    });
  }
});
