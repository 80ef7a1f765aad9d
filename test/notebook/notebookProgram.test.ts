/** The map between a notebook's cells and the programs they make, which the CLI and the editor both use. */
import { strict as assert } from 'node:assert';
import { notebookPrograms } from '../../server/src/languages/python/notebook/notebookProgram';

describe('notebook: cells as programs', () => {
  const cells = [
    { kind: 'code' as const, language: 'python', text: 'import pandas as pd\n%matplotlib inline\ndf = pd.read_csv("x.csv")' },
    { kind: 'markup' as const, language: 'markdown', text: '# Notes' },
    { kind: 'code' as const, language: 'python', text: '%%sql\nSELECT 1' },
    { kind: 'code' as const, language: 'sql', text: 'SELECT 2' },
    { kind: 'code' as const, language: 'python', text: 'df.head()\n' },
    { kind: 'code' as const, language: 'r', text: 'x <- 1' },
    { kind: 'code' as const, language: 'python', text: '%%R -i df\ny <- nrow(df)' },
    { kind: 'code' as const, language: 'julia', text: 'z = 1' },
  ];

  it('joins the Python code cells in order, blanks magics in place and keeps SQL cells apart', () => {
    const programs = notebookPrograms(cells);
    assert.equal(programs.python.text, 'import pandas as pd\n                  \ndf = pd.read_csv("x.csv")\n\ndf.head()\n');
    assert.deepEqual(programs.python.cells.map((c) => [c.cell, c.index]), [[0, 1], [4, 5]]);
    assert.deepEqual(programs.sql.map((p) => p.text), ['     \nSELECT 1', 'SELECT 2']);
    assert.equal(programs.programOf(1), undefined, 'markup is in no program');
    assert.equal(programs.programOf(7), undefined, 'a cell in a language LEO Lens does not read is in no program');
    assert.equal(programs.programOf(2), programs.sql[0]);
  });

  it('joins the R cells, and the %%R cells of a Python notebook with their magic line blanked, into one R program', () => {
    const programs = notebookPrograms(cells);
    assert.equal(programs.r.text, 'x <- 1\n\n         \ny <- nrow(df)');
    assert.deepEqual(programs.r.cells.map((c) => c.cell), [5, 6]);
    assert.equal(programs.programOf(5), programs.r);
    assert.equal(programs.programOf(6), programs.r);
    assert.ok(!programs.python.text.includes('nrow'), 'an R cell is not Python');
  });

  it('maps every offset of a cell to the program and back, and a separator to the end of the cell before it', () => {
    const { python } = notebookPrograms(cells);
    for (const cell of [0, 4]) {
      for (let offset = 0; offset <= cells[cell]!.text.length; offset++) {
        const at = python.toProgram(cell, offset)!;
        assert.deepEqual(python.toCell(at), { cell, offset });
      }
    }
    const separator = cells[0]!.text.length + 1;
    assert.deepEqual(python.toCell(separator), { cell: 0, offset: cells[0]!.text.length });
    assert.equal(python.toProgram(1, 0), undefined);
    assert.equal(python.text.slice(python.toProgram(4, 0)!, python.toProgram(4, 9)!), 'df.head()');
  });

  it('gives a notebook without cells empty programs that map nothing', () => {
    const programs = notebookPrograms([]);
    assert.equal(programs.python.text, '');
    assert.equal(programs.python.toCell(0), undefined);
  });
});
