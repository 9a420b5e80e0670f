package io.gitlore.chunker.syntax;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.treesitter.TSNode;

/**
 * Reads a tree-sitter node's start byte and start row from the Java object itself instead of a native call.
 * tree-sitter stores them in the node's {@code context[0..2]}, which the binding mirrors as fields; its native side
 * looks up every field by name on every call that takes a node, which made such calls most of the chunker's time.
 * Falls back to the native getters if the binding's fields ever change (checked by {@code NodesTest}).
 */
final class Nodes {

    private static final VarHandle START_BYTE;
    private static final VarHandle START_ROW;

    static {
        VarHandle startByte = null;
        VarHandle startRow = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup());
            startByte = lookup.findVarHandle(TSNode.class, "context0", int.class);
            startRow = lookup.findVarHandle(TSNode.class, "context1", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            startByte = null;
            startRow = null;
        }
        START_BYTE = startByte;
        START_ROW = startRow;
    }

    private Nodes() {
    }

    static boolean direct() {
        return START_BYTE != null;
    }

    static int startByte(TSNode node) {
        return START_BYTE != null ? (int) START_BYTE.get(node) : node.getStartByte();
    }

    /** 0-based row of the node's first byte. */
    static int startRow(TSNode node) {
        return START_ROW != null ? (int) START_ROW.get(node) : node.getStartPoint().getRow();
    }
}
