CREATE TABLE #pupils (pmr varchar(18) NOT NULL, score decimal(10, 2) NULL, PRIMARY KEY (pmr));
DECLARE @t TABLE (id int, label nvarchar(20)), @n int = (SELECT COUNT(*) FROM #pupils);
INSERT INTO #pupils (pmr, score) SELECT s.pmr, AVG(s.x) FROM #src s GROUP BY s.pmr;
INSERT #pupils VALUES ('a', 1.0)
UPDATE p SET p.score = 0, @n = score = 1 FROM #pupils p JOIN #src s ON s.pmr = p.pmr WHERE s.x IS NULL
DELETE FROM #pupils WHERE score < 0
ALTER TABLE #pupils ADD extra int NULL
EXEC dbo.refresh_pupils @year = 2019
EXEC (@sql)
USE npd_i2
DROP TABLE IF EXISTS #pupils, #src
SELECT a.x, b.y FROM (a JOIN b ON a.id = b.id) CROSS APPLY STRING_SPLIT(a.list, ',') s
SELECT v.n FROM (VALUES (1), (2)) v (n) WHERE v.n IN (SELECT TOP (1) n FROM @t)
