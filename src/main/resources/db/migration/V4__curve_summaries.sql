-- Per-chunk summaries, so that a downsampled read of a long curve does not decode every point.
-- summary holds, for each block of ChunkSummary.BLOCK (128) consecutive points of the chunk, the point with
-- the lowest and the one with the highest loss (a non-finite loss counts as the highest, the first one in
-- the block wins): their offsets in the chunk and their lr, loss and momentum, little-endian (see
-- ChunkSummary). NULL for chunks written before this migration: they are summarised when read.
ALTER TABLE curve_chunks ADD COLUMN summary BYTEA;
