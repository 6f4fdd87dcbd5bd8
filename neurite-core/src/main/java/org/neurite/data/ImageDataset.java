package org.neurite.data;

import org.neurite.tensor.Tensor;

/**
 * A labelled set of single-channel images held in plain arrays, for classification.
 *
 * <p>{@code images} holds {@code count} images of shape {@code (height, width)}, one after the other
 * and each row-major, so the whole array has shape {@code (count, height * width)} when read as a
 * feature matrix. {@code labels[i]} is the class of image {@code i}, in {@code [0, classes)}. The
 * constructor checks these sizes and ranges; the arrays are shared, not copied.
 *
 * <pre>{@code
 * ImageDataset train = ImageDatasets.mnist().train();
 * int features = train.features();                  // 784
 * float firstPixelOfImage3 = train.images()[3 * features];
 * int classOfImage3 = train.labels()[3];
 * }</pre>
 *
 * @param images pixel values, {@code count * height * width} of them, usually in [0, 1]
 * @param labels one class index per image
 * @param count number of images
 * @param height rows per image
 * @param width columns per image
 * @param classes number of classes the labels index
 */
public record ImageDataset(float[] images, int[] labels, int count, int height, int width, int classes) {
    /** Checks that the arrays match the sizes and that every label is a class index. */
    public ImageDataset {
        if (count < 0 || height <= 0 || width <= 0 || classes <= 0) {
            throw new IllegalArgumentException("expected count >= 0 and positive height, width and classes, got count="
                    + count + ", height=" + height + ", width=" + width + ", classes=" + classes);
        }
        if (images.length != (long) count * height * width) {
            throw new IllegalArgumentException("expected " + (long) count * height * width + " pixel values for "
                    + count + "x" + height + "x" + width + " images, got " + images.length);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("expected " + count + " labels, got " + labels.length);
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i]
                        + ", expected a class index in [0, " + classes + ")");
            }
        }
    }

    /** The number of values per image, {@code height * width}. */
    public int features() {
        return height * width;
    }

    /** The images as a tensor of shape {@code (count, height, width)}, sharing the array. */
    public Tensor imageTensor() {
        return Tensor.of(images, count, height, width);
    }

    /** The labels as class indices stored in floats, shape {@code (count)}, as the sparse losses take them. */
    public Tensor labelTensor() {
        return Tensor.ofInts(labels, count);
    }
}
