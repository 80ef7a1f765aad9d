SELECT [a]]b], "<project number>", N'it''s', 'plain', @v, @@ROWCOUNT, #t, ##g, $action
/* outer /* nested */ still comment */ 1.5e3 .5 0x1F $12.50 -- trailing
a<>b a!=b a<=b a+=1 x::y e.* tempdb..#t [unterminated
