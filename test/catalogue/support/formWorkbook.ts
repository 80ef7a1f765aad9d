/**
 * Builds small request-form workbooks with exceljs, reproducing the form's messy layouts:
 * a title row, "By request" and "Default" sections each with its own (differently ordered)
 * header, sub-table headings, merged cells, a row with no name, a notes row, stray whitespace,
 * odd `[term][yy]` spellings, unreadable ratings, and a LEO-style tab with labelled paragraphs.
 */
import ExcelJS from 'exceljs';
import type { Mapping } from '../../../scripts/catalogue/assemble';

export const NPD_TAB = 'SC_Test_01-02_to_20-21';
export const LEO_TAB = 'Earnings_Test';

/** The workbook as a buffer; `extraTab` adds a tab that the mapping does not know. */
export async function buildFormWorkbook(options: { extraTab?: boolean } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Front Cover').getCell('B2').value = 'LEO I2SE Variable Request Form';

  const tables = workbook.addWorksheet('Data Tables');
  tables.addRow([]);
  tables.addRow(['', 'Dataset', 'Table Name', 'Description', 'Is this table required?', 'Which data items are required?']);
  tables.addRow(['', 'NPD', 'SC Test 01-02 to 20-21', 'School Census test data.', 'Yes', 'Please use the corresponding tab']);
  tables.addRow(['', 'LEO', 'Earnings test table', 'Earnings by tax year.', 'Yes', 'All variables will be included by default']);

  // The trailing space in the sheet name is deliberate: the real form has such names.
  const npd = workbook.addWorksheet(`${NPD_TAB} `);
  npd.getCell('A1').value = 'School Census Pupil Level (test)';
  npd.getCell('A3').value = "'By request' Data items";
  npd.getCell('A5').value = 'THERE IS NO SUMMER CENSUS FOR 19/20 DUE TO COVID IMPACT';
  npd.getRow(7).values = ['NPD Alias', 'Field Reference', 'Years Populated', 'Description', 'Data Type', 'Allowed Values', 'Collection term', 'Identifiability', 'Sensitivity', 'Mystery Column'];
  npd.getRow(8).values = [
    'FSMeligible_[Term][YY]\n\nFreeSchoolMeals for 2001/02\nBased on periods of FSM from 2012/13',
    'FSMeligible',
    '2002/2003 - 2020/2021',
    '  Pupil eligible for   free school meals.  ',
    'Dichotomous',
    '1 = True\n0 = False',
    'Aut, Spr, Sum',
    5,
    'C',
  ];
  npd.getRow(9).values = ['Test Exam table'];
  npd.getRow(10).values = ['\tLSOA01_[term[yy]) ', 'LSOA01', '2001/2002 - 2013/2014', 'Lower layer super output area.', 'Categorical', '', 'Spr', 4, 'E'];
  npd.getRow(11).values = ['cla_PLACEMENT_[term][yy]', 'PLACEMENT', '2005/2006 -', 'Type of placement.', 'Categorical', 'Q1=Foster placement\nQ2=Other placement', 'Spr', 4, 'B'];
  npd.getRow(12).values = ['', 'PLACEMENT', '2005/2006 -', 'Type of placement.', '', 'M1=In refuge', 'Spr', 4, 'B'];
  npd.mergeCells('A11:A12');
  npd.getRow(13).values = ['', '', '2014/15 -'];
  npd.getRow(14).values = ['Following variables repeated for each case of exclusion order'];
  npd.getRow(15).values = ['Odd_[term][yy]', 'Odd', 'All Years', 'A field with unreadable ratings.', 'Text', 'to 2dp', '', 'high', 'Z'];
  npd.getRow(17).values = ['Default Data Items (applicants will receive these data items by default)'];
  npd.getRow(18).values = ['(Old Tier 4 = Identifiability 3 or 5, and Sensitivity E)'];
  npd.getRow(19).values = ['NPD Alias', 'Description', 'Years Populated', 'Data Type', 'Identifiability', 'Sensitivity'];
  npd.getRow(20).values = ['PupilMatchingRefAnonymous_[term][yy]', 'Pupil matching reference - Anonymous.', '2001/2002 - 2020/2021', 'Text', 3, 'E'];
  npd.getRow(21).values = ['FSMeligible_[term][yy]', 'Listed again.', '2002/2003 - 2020/2021', 'Dichotomous', 5, 'C'];
  npd.getRow(22).values = ['YearOfBirth_[term][yy]', 'The year in which the pupil was born.', '2001/2002 - 2020/2021', 'Continuous', 5, 'E'];

  const leo = workbook.addWorksheet(LEO_TAB);
  leo.getCell('B2').value = 'LEO Earnings Table';
  leo.getCell('B3').value = 'Overview';
  leo.getCell('B4').value = 'One record per person per tax year.';
  leo.mergeCells('B4:I4');
  leo.getCell('B6').value = 'Data Source';
  leo.getCell('B7').value = 'HMRC P14';
  leo.getCell('B9').value = 'Known Issues';
  leo.getCell('B10').value = '-';
  leo.getCell('B12').value = 'Table Fields';
  leo.getRow(13).values = ['', 'Table Name', 'Field Name', 'Data Type', 'Years Populated (tax years)', 'Description', 'Values', 'Source Dataset', 'Notes'];
  leo.getRow(14).values = ['', 'LEO.Earnings', 'Edukey', 'varchar(14)', '2003/04 - 2020/21', 'LEOs unique pupil identifier', '', 'DWP Lookup Dataset', 'Shared note.'];
  leo.getRow(15).values = ['', 'LEO.Earnings', 'TaxYear', 'int', '2003/04 - 2020/21', 'Tax year', '200304 - 202021', 'HMRC P14 Dataset'];
  leo.getRow(16).values = ['', 'LEO.Earnings', 'Earnings', 'int', '2003/04 - 2020/21', 'Summed earnings', '£', 'HMRC P14 Dataset'];
  leo.mergeCells('I14:I16');

  if (options.extraTab) {
    const extra = workbook.addWorksheet('Unmapped_Tab');
    extra.getRow(1).values = ['NPD Alias', 'Description'];
    extra.getRow(2).values = ['Something', 'A field.'];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The hand-maintained mapping for the fixture; `missingTab` names a tab the workbook lacks. */
export function fixtureMapping(options: { missingTab?: boolean } = {}): Mapping {
  return {
    catalogue: { id: 'fixture', name: 'Fixture catalogue', version: '0.0.1' },
    sources: [{ title: 'Fixture form', version: '0' }],
    iterations: [{ id: 'i2', name: 'Iteration 2' }],
    databases: [
      { name: 'npd_i2', iteration: 'i2' },
      { name: 'LEO_i2', iteration: 'i2' },
    ],
    schemas: [],
    tables: [
      {
        sheet: NPD_TAB,
        dataTablesName: 'SC Test 01-02 to 20-21',
        id: 'sc-test',
        title: 'Census test',
        views: [{ iteration: 'i2', database: 'npd_i2', name: 'spring_census_[yyyy]', term: 'spring', years: { from: 2006, to: 2021 }, evidence: 'seen' }],
      },
      {
        sheet: LEO_TAB,
        dataTablesName: 'Earnings test table',
        id: 'leo-earnings-test',
        title: 'Earnings test',
        views: [{ iteration: 'i2', database: 'LEO_i2', name: 'leo_earnings', evidence: 'seen' }],
      },
      ...(options.missingTab ? [{ sheet: 'Missing_Tab', id: 'missing', title: 'Missing', views: [] }] : []),
    ],
  };
}
