package io.gitlore.chunker.syntax;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

import org.treesitter.TSNode;
import org.treesitter.TSParser;

/**
 * Reads what the chunker needs of a tree-sitter node with as few native calls as possible. The binding's native side
 * looks up every field of a node by name on each call that takes one, and each getter first makes a second such call
 * to check for a null node: together most of the chunker's time. tree-sitter keeps a node's start byte and row in
 * the node itself ({@code context[0..1]}, mirrored as fields) and a null node has id 0, so those are read in Java;
 * type and end byte call the native function once. Falls back to the public getters if the binding's internals
 * ever change (checked by {@code NodesTest}).
 */
final class Nodes {

    private static final VarHandle START_BYTE;
    private static final VarHandle START_ROW;
    private static final VarHandle ID;
    private static final MethodHandle TYPE;
    private static final MethodHandle END_BYTE;

    static {
        VarHandle startByte = null;
        VarHandle startRow = null;
        VarHandle id = null;
        MethodHandle type = null;
        MethodHandle endByte = null;
        try {
            MethodHandles.Lookup node = MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup());
            MethodHandles.Lookup parser = MethodHandles.privateLookupIn(TSParser.class, MethodHandles.lookup());
            startByte = node.findVarHandle(TSNode.class, "context0", int.class);
            startRow = node.findVarHandle(TSNode.class, "context1", int.class);
            id = node.findVarHandle(TSNode.class, "idPtr", long.class);
            type = parser.findStatic(TSParser.class, "ts_node_type", MethodType.methodType(String.class, TSNode.class));
            endByte = parser.findStatic(TSParser.class, "ts_node_end_byte",
                    MethodType.methodType(int.class, TSNode.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            startByte = null;
        }
        boolean direct = startByte != null;
        START_BYTE = direct ? startByte : null;
        START_ROW = direct ? startRow : null;
        ID = direct ? id : null;
        TYPE = direct ? type : null;
        END_BYTE = direct ? endByte : null;
    }

    private Nodes() {
    }

    /** Whether the fast paths are in use (false means the binding changed and the public getters are used). */
    static boolean direct() {
        return START_BYTE != null;
    }

    static boolean isNull(TSNode node) {
        return node == null || (ID != null ? (long) ID.get(node) == 0 : node.isNull());
    }

    static int startByte(TSNode node) {
        return START_BYTE != null ? (int) START_BYTE.get(node) : node.getStartByte();
    }

    /** 0-based row of the node's first byte. */
    static int startRow(TSNode node) {
        return START_ROW != null ? (int) START_ROW.get(node) : node.getStartPoint().getRow();
    }

    /** The node's type; the node must not be null. */
    static String type(TSNode node) {
        if (TYPE == null) {
            return node.getType();
        }
        try {
            return (String) TYPE.invokeExact(node);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node's end byte; the node must not be null. */
    static int endByte(TSNode node) {
        if (END_BYTE == null) {
            return node.getEndByte();
        }
        try {
            return (int) END_BYTE.invokeExact(node);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
