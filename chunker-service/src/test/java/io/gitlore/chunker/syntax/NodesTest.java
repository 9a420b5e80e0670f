package io.gitlore.chunker.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterRust;

/** The fast node readers agree with the binding's own getters on every node of a real tree. */
class NodesTest {

    @Test
    void fastPathsAreInUseAndAgreeWithTheGetters() {
        assertTrue(Nodes.direct(), "tree-sitter binding internals changed: the chunker falls back to slow getters");
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterRust());
        try (TSTree tree = parser.parseString(null, SyntaxParserTest.RUST)) {
            Deque<TSNode> todo = new ArrayDeque<>();
            todo.push(tree.getRootNode());
            int checked = 0;
            while (!todo.isEmpty()) {
                TSNode node = todo.pop();
                assertEquals(node.getStartByte(), Nodes.startByte(node));
                assertEquals(node.getStartPoint().getRow(), Nodes.startRow(node));
                assertEquals(node.getEndByte(), Nodes.endByte(node));
                assertEquals(node.getType(), Nodes.type(node));
                assertEquals(false, Nodes.isNull(node));
                for (int i = 0; i < node.getChildCount(); i++) {
                    todo.push(node.getChild(i));
                }
                checked++;
            }
            assertTrue(checked > 300, "walked " + checked + " nodes");
            TSNode missing = tree.getRootNode().getChildByFieldName("no_such_field");
            assertEquals(missing.isNull(), Nodes.isNull(missing));
        } finally {
            parser.close();
        }
    }
}
