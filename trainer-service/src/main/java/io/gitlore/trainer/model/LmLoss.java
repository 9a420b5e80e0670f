package io.gitlore.trainer.model;

import ai.djl.ndarray.NDArray;

/**
 * Takes logits {@code [batch, time, vocabulary]}, target ids and a 0/1 weight per position, gives the mean
 * cross-entropy over weighted positions (padding and context-only positions weigh 0) and the count of correct argmaxes.
 */
public final class LmLoss {

    private LmLoss() {
    }

    public static NDArray crossEntropy(NDArray logits, NDArray targets, NDArray weights) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray picked = logp.gather(targets.expandDims(-1), -1).squeeze(-1);
        return picked.mul(weights).sum().neg().div(weights.sum());
    }

    /** Sum of the negative log-likelihood over weighted positions (for perplexity over a whole split). */
    public static NDArray summedNll(NDArray logits, NDArray targets, NDArray weights) {
        NDArray picked = logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
        return picked.mul(weights).sum().neg();
    }

    public static NDArray correct(NDArray logits, NDArray targets, NDArray weights) {
        return logits.argMax(-1).eq(targets).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mul(weights).sum();
    }
}
