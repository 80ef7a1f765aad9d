SELECT 'never closed
FROM t /* open comment
