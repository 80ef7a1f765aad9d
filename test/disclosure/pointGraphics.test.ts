/**
 * SDC017 on R graphics: a layer that draws records warns; a smoothed density, a risk only for small groups the
 * model cannot see, is said at info.
 */
import { strict as assert } from 'node:assert';
import { analyse, setUpDisclosure } from './support/check';

describe('SDC017 severities', () => {
  before(setUpDisclosure);

  it('warns on jittered points, and says a violin of records is a question of group size at info', () => {
    const text = 'ks4 <- readRDS("derived/ks4.rds")\nfig <- ggplot(ks4, aes(x = fsm6, y = att8)) +\n  geom_violin() +\n  geom_jitter(width = 0.2)\nggsave("outputs/fig.png", fig)\n';
    const found = analyse('r', text).findings.filter((f) => f.code === 'SDC017').map((f) => `${f.severity}@${text.slice(0, f.start).split('\n').length}`);
    assert.deepEqual(found, ['info@3', 'warning@4']);
  });
});
