/**
 * SDC025 on comments: a number is a count only when it counts units (`n = 7`, `12 pupils`); a year group, a key
 * stage, an age, a version, a number in a sentence about the code's logic, or the shape of the data is not.
 * One line per case, in T-SQL and in R.
 */
import { strict as assert } from 'node:assert';
import { analyse, setUpDisclosure } from './support/check';

const COUNTS = [
  'n = 7 after the filter',
  'only 12 pupils left in the cell',
  'we found 3 learners with this code',
  'N: 1,234 in total',
  'about 1,234 pupils, before the filter',
  'merged into one group: only 6 Gypsy/Roma leavers in 2014',
  'there were only 8 part-time care leavers in 2018/19',
];

const NOT_COUNTS = [
  'Year 11 pupils only',
  'KS4 pupils from the 2019 cohort',
  'aged 16 learners',
  'wave 2 respondents',
  'multiple records for 1 person will be created',
  'cases where 2 records exist, one with the GCSE and one without',
  '2 rows per pupil, one for each term',
  'if 3 records match, keep the latest',
  'at least 10 pupils per cell',
  'cells need 10 graduates in the numerator and the total',
  'each cell requires 10 learners',
  'sustained employment of 2017/18 leavers',
  'outcomes for 2019-20 pupils',
  'employment by 25, pupils who sat KS4 in 2012',
  '19 year old learners on level 3 courses',
  'cells of 2 or more pupils',
  'returns to Attainment 8 within schools',
  'ROUND(COUNT(*) / 5.0, 0) * 5 AS pupils',
  '5 of the learners are dropped',
];

describe('SDC025: counts in comments', () => {
  before(setUpDisclosure);

  const codesOf = (language: 'sql' | 'r', comment: string): string[] => {
    const text = language === 'sql' ? `-- ${comment}\nSELECT 1 AS x;\n` : `# ${comment}\nx <- 1\n`;
    return analyse(language, text).findings.map((f) => f.code);
  };

  for (const comment of COUNTS) {
    it(`flags "${comment}"`, () => {
      assert.ok(codesOf('sql', comment).includes('SDC025'));
      assert.ok(codesOf('r', comment).includes('SDC025'));
    });
  }

  for (const comment of NOT_COUNTS) {
    it(`leaves "${comment}" alone`, () => {
      assert.deepEqual(codesOf('sql', comment).filter((c) => c === 'SDC025'), []);
      assert.deepEqual(codesOf('r', comment).filter((c) => c === 'SDC025'), []);
    });
  }
});

describe('SDC025 on server names', () => {
  before(setUpDisclosure);

  it('flags the server given to a connection, in an argument or a connection string, and nothing else', () => {
    const argument = 'con <- DBI::dbConnect(odbc::odbc(), Driver = "SQL Server", Server = "SRS-SQL-01\\\\LEO", Database = "LEO_i2")\n';
    assert.deepEqual(analyse('r', argument).findings.map((f) => f.code), ['SDC025']);
    const connectionString = 'con <- RODBC::odbcDriverConnect("Driver={SQL Server};Server=SRS-SQL-01;Database=LEO_i2;Trusted_Connection=yes")\n';
    assert.deepEqual(analyse('r', connectionString).findings.map((f) => f.code), ['SDC025']);
    const dsn = 'con <- DBI::dbConnect(odbc::odbc(), dsn = "SRS")\n# the data source = the DSN the project set up\n';
    assert.deepEqual(analyse('r', dsn).findings.map((f) => f.code), []);
  });
});
