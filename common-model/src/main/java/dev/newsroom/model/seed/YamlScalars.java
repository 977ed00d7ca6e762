package dev.newsroom.model.seed;

import java.util.Set;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The tag YAML gives a plain scalar, exactly as SnakeYAML's {@link Resolver} decides it, without its
 * regular expressions for the common case. The resolver only considers a value whose first character
 * can start a boolean, null, number, timestamp, merge key or value indicator; names such as
 * {@code title} or {@code New York Times} are text outright, and the short words YAML 1.1 treats as
 * booleans or null are recognised by equality. Everything else goes to the resolver itself.
 */
final class YamlScalars {

    private static final Resolver RESOLVER = new Resolver();
    private static final Set<String> BOOLEANS = Set.of("yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE",
            "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF");
    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");

    private YamlScalars() {
    }

    static Tag resolve(String plain) {
        if (plain.isEmpty()) {
            return Tag.NULL;
        }
        switch (plain.charAt(0)) {
            case 'y', 'Y', 't', 'T', 'f', 'F', 'o', 'O' -> {
                return plain.length() <= 5 && BOOLEANS.contains(plain) ? Tag.BOOL : Tag.STR;
            }
            case 'n', 'N' -> {
                if (plain.length() > 4) {
                    return Tag.STR;
                }
                return BOOLEANS.contains(plain) ? Tag.BOOL : NULLS.contains(plain) ? Tag.NULL : Tag.STR;
            }
            case '~', '-', '+', '.', '<', '!', '&', '*', '\0', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                return RESOLVER.resolve(NodeId.scalar, plain, true);
            }
            default -> {
                return Tag.STR;
            }
        }
    }
}
