import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchResultsDir, COMBINED_REPORT_ENV, reportBench } from '../src';

describe('reportBench', () => {
  const table = jest.spyOn(console, 'table').mockImplementation(() => undefined);
  afterEach(() => {
    delete process.env[COMBINED_REPORT_ENV];
    table.mockClear();
  });

  it('prints a project bench run alone, and saves its rows', () => {
    reportBench('report-test', [{ name: 'p99', value: 12.345, unit: 'ms' }]);

    expect(table).toHaveBeenCalledTimes(1);
    const saved = join(benchResultsDir, 'report-test.json');
    expect(existsSync(saved)).toBe(true);
    expect(JSON.parse(readFileSync(saved, 'utf8')).rows).toEqual([
      { name: 'p99', value: 12.345, unit: 'ms' },
    ]);
  });

  it('only saves under npm run bench, which prints the one combined table', () => {
    process.env[COMBINED_REPORT_ENV] = '1';

    reportBench('report-test', [{ name: 'p99', value: 1, unit: 'ms' }]);

    expect(table).not.toHaveBeenCalled();
  });
});
