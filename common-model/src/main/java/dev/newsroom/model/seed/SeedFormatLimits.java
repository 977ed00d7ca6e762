package dev.newsroom.model.seed;

/**
 * Bounds the reader enforces before and while parsing, so that a hostile file is refused quickly and
 * cheaply: the size of the front matter in characters, YAML aliases to collections (billion laughs),
 * and nesting depth.
 */
public record SeedFormatLimits(int maxFrontMatterChars, int maxAliasesForCollections, int maxNestingDepth) {

    public static final SeedFormatLimits DEFAULT = new SeedFormatLimits(1_000_000, 10, 20);

    public SeedFormatLimits {
        if (maxFrontMatterChars <= 0 || maxAliasesForCollections < 0 || maxNestingDepth <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxFrontMatterChars + ", "
                    + maxAliasesForCollections + ", " + maxNestingDepth);
        }
    }
}
