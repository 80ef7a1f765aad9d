/**
 * Names of columns that hold a dominance share or the result of a dominance check (`top2_share`, `dominated`,
 * `p_ratio`, `nk_rule`). A filter on such a column is a dominance check in every language, as output checkers
 * read a script: the name is the only sign a hand-written check leaves once its arithmetic is spread over steps.
 * Every front end reads it from here, so the four languages agree on which names count.
 */
export const DOMINANCE_NAME = /domina[nt]|top_?\d*_?share|p_?ratio|nk_?(rule|check)|share_top/i;
