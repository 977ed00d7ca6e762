package dev.newsroom.model.seed;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where every field of a document is ({@code ""}, {@code title}, {@code provider.name},
 * {@code images[0].width}, ...), built from the node graph the first time anyone asks. Most files
 * have no problem to locate, so most files never pay for it.
 */
final class PositionIndex extends AbstractMap<String, SourcePosition> {

    private final Node root;
    private final int firstLine;
    private volatile Map<String, SourcePosition> index;

    PositionIndex(Node root, int firstLine) {
        this.root = root;
        this.firstLine = firstLine;
    }

    private Map<String, SourcePosition> index() {
        Map<String, SourcePosition> built = index;
        if (built == null) {
            built = new HashMap<>();
            built.put("", SeedFormatReader.positionOf(root, firstLine));
            collect(root, "", built);
            index = built;
        }
        return built;
    }

    private void collect(Node node, String path, Map<String, SourcePosition> out) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    out.putIfAbsent(child, SeedFormatReader.positionOf(tuple.getValueNode(), firstLine));
                    collect(tuple.getValueNode(), child, out);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                out.put(child, SeedFormatReader.positionOf(items.get(i), firstLine));
                collect(items.get(i), child, out);
            }
        }
    }

    @Override
    public SourcePosition get(Object key) {
        return index().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return index().containsKey(key);
    }

    @Override
    public Set<Entry<String, SourcePosition>> entrySet() {
        return index().entrySet();
    }
}
