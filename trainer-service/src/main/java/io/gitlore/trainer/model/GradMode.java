package io.gitlore.trainer.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches PyTorch's autograd recording off on the calling thread. PyTorch keeps this flag per thread and new threads
 * start with it on; DJL switches it off only on the thread that loaded the engine, so a Kafka or HTTP worker thread
 * would record every update (and refuse in-place updates of parameters) without this.
 */
public final class GradMode {

    private GradMode() {
    }

    public static void off() {
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the natives on first use; the switch lives in them
        JniUtils.setGradMode(false);
    }
}
