import assert from 'node:assert/strict';
import { parseAlias } from '../../../scripts/catalogue/aliases';
import { parseValues } from '../../../scripts/catalogue/codes';
import { parseSheet } from '../../../scripts/catalogue/parseSheet';
import { formatProblem } from '../../../scripts/catalogue/problems';
import { parseYears } from '../../../scripts/catalogue/years';

describe('request form cells', () => {
  describe('years', () => {
    const cases: [string, 'end' | 'start', { from?: number; to?: number; except?: number[] } | 'text'][] = [
      ['2001/2002 - 2020/2021', 'end', { from: 2002, to: 2021 }],
      ['2001/02 - 2020/2021', 'end', { from: 2002, to: 2021 }],
      ['1999/00 - 2020/21', 'end', { from: 2000, to: 2021 }],
      ['2015/16 -', 'end', { from: 2016 }],
      ['2019/20 - ', 'end', { from: 2020 }],
      ['2015/16-2020/21 ', 'end', { from: 2016, to: 2021 }],
      ['2008/2009 only', 'end', { from: 2009, to: 2009 }],
      ['2020/21', 'end', { from: 2021, to: 2021 }],
      ['2007/08 to 2020/21', 'end', { from: 2008, to: 2021 }],
      ['2009/10 (A) - 2012/13', 'end', { from: 2010, to: 2013 }],
      ['2007/2008, 2012/2013, 2015/2016', 'end', { from: 2008, to: 2016, except: [2009, 2010, 2011, 2012, 2014, 2015] }],
      ['2008/2009 - 2009/2010, 2011/2012 - 2020/2021', 'end', { from: 2009, to: 2021, except: [2011] }],
      ['2014', 'end', { from: 2014, to: 2014 }],
      ['2012 onwards', 'start', { from: 2013 }],
      ['2013 to 2015', 'start', { from: 2014, to: 2016 }],
      ['up to 2007', 'start', { to: 2008 }],
      ['All Years', 'end', {}],
      ['N/A', 'end', 'text'],
      ['Varies across each of the source datasets', 'end', 'text'],
      ['Tax years 2016/17 and earlier are joined to the source year 2019', 'end', 'text'],
      ['All years - broken for 2002 and 2003', 'start', 'text'],
    ];
    for (const [text, convention, expected] of cases) {
      it(`reads "${text}"`, () => {
        const parsed = parseYears(text, convention);
        if (expected === 'text') {
          assert.equal(parsed.understood, false);
          assert.equal(parsed.from, undefined);
          assert.equal(parsed.to, undefined);
        } else {
          assert.equal(parsed.understood, true);
          assert.deepEqual({ from: parsed.from, to: parsed.to, except: parsed.except }, { from: expected.from, to: expected.to, except: expected.except });
        }
        assert.equal(parsed.text, text.replace(/\s+/g, ' ').trim());
      });
    }
  });

  describe('values', () => {
    const cases: [string, string[] | undefined, string | undefined][] = [
      ['1 = True\n0 = False', ['1=True', '0=False'], undefined],
      ['Q1=Foster placement\nQ2=Other', ['Q1=Foster placement', 'Q2=Other'], undefined],
      ['E11 = Adopted – Application unopposed\nE13 – Left care', ['E11=Adopted – Application unopposed', 'E13=Left care'], undefined],
      ['A* - Grade A*\nA - Grade A', ['A*=Grade A*', 'A=Grade A'], undefined],
      ['-1 Missing (Not Applicable/Not Known)\n10 Community Learning\n21 16-18 Learner Responsive', ['-1=Missing (Not Applicable/Not Known)', '10=Community Learning', '21=16-18 Learner Responsive'], undefined],
      ['0 (Not disadvantaged) ; 1 (Disadvantaged) ; null (not calculated)', ['0=Not disadvantaged', '1=Disadvantaged', 'null=not calculated'], undefined],
      ['Inside Local Authority boundary - IN\nOutside Local Authority boundary - OUT', ['IN=Inside Local Authority boundary', 'OUT=Outside Local Authority boundary'], undefined],
      ['"0   = Entry Level\n1    = Level 1"', ['0=Entry Level', '1=Level 1'], undefined],
      ['1 = Yes\n0 = No\nOther values are blank', ['1=Yes', '0=No'], 'Other values are blank'],
      ['1 = Yes\n1 = True', ['1=Yes / True'], undefined],
      ['to 2dp', undefined, 'to 2dp'],
      ['1 to 12', undefined, '1 to 12'],
      ['0 - 10% most deprived\n11 - 20%', undefined, '0 - 10% most deprived; 11 - 20%'],
      ['See Codesets_(Characteristics) tab for allowed values', undefined, 'See Codesets_(Characteristics) tab for allowed values'],
      ['na', undefined, undefined],
      ['', undefined, undefined],
    ];
    for (const [text, codes, note] of cases) {
      it(`reads ${JSON.stringify(text).slice(0, 40)}`, () => {
        const parsed = parseValues(text);
        assert.deepEqual(parsed.codes?.map((entry) => `${entry.code}=${entry.label}`), codes);
        assert.equal(parsed.note, note);
      });
    }
  });

  describe('alias cells', () => {
    it('splits older names from remarks, completing their suffix', () => {
      assert.deepEqual(parseAlias('YSSA_ab[yy]\n\n\nConnexionsAssent for 2002/03 to 2004/05\nConnexions for 2005/06 to 2011/12'), {
        name: 'YSSA_ab[yy]',
        synonyms: ['ConnexionsAssent_ab[yy]', 'Connexions_ab[yy]'],
        notes: ['Older name ConnexionsAssent_ab[yy] for 2002/03 to 2004/05.', 'Older name Connexions_ab[yy] for 2005/06 to 2011/12.'],
      });
    });

    it('reads "A or B", an abbreviation, and an inner space', () => {
      assert.deepEqual(parseAlias('PRU_LSOA01 or PRU_LSOA11')?.synonyms, ['PRU_LSOA11']);
      assert.deepEqual(parseAlias('PupilMatchingRefAnonymous (PMR)'), { name: 'PupilMatchingRefAnonymous', synonyms: [], notes: ['Also called PMR.'] });
      assert.equal(parseAlias('cla_LEGAL STATUS')?.name, 'cla_LEGAL STATUS');
      assert.equal(parseAlias('LSOA11 _school_ab[yy]')?.name, 'LSOA11_school_ab[yy]');
      assert.deepEqual(parseAlias('YPMAD_main_inst_region update'), { name: 'YPMAD_main_inst_region', synonyms: [], notes: ['The form adds "update" to this name.'] });
    });

    it('rejects prose and empty cells', () => {
      assert.equal(parseAlias('Following variables repeated for each case'), undefined);
      assert.equal(parseAlias(''), undefined);
    });
  });

  describe('sheets', () => {
    it('reports a tab with no header row', () => {
      const parsed = parseSheet({ name: 'Empty ', rows: [{ number: 1, cells: ['Just a title'], inherited: new Set() }] });
      assert.equal(parsed.sheet, 'Empty');
      assert.equal(parsed.title, 'Just a title');
      assert.equal(parsed.fields.length, 0);
      assert.equal(parsed.problems[0]?.level, 'error');
      assert.match(formatProblem(parsed.problems[0]!), /^Empty: error: no header row/);
    });

    it('formats a problem with its row and shortened text', () => {
      assert.equal(formatProblem({ level: 'warning', sheet: 'T', row: 4, message: 'm', text: 'a\nb' }), 'T row 4: warning: m [a b]');
    });
  });
});
