"""Write scikit-learn's 1,797 handwritten 8x8 digits as a CSV file wlnet imports.

    pip install '.[digits]'              # scikit-learn, where the data set ships
    python examples/digits_data.py       # writes examples/digits.csv
    wlnet examples/digits.wl             # trains a small convolutional net on it

One row per image: the digit (0-9), then its 64 pixels row by row, each an integer
0-16 (the data set's own grey levels). CSV because wlnet imports it fast: an
all-numeric table becomes one packed array (~0.2 s for the whole set, where reading
the same numbers as a .wl list expression takes ~1 s). scikit-learn is needed only
here, never by wlnet.
"""
import sys
from pathlib import Path


def main(path: Path) -> None:
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        sys.exit("This example needs scikit-learn: pip install '.[digits]'")
    digits = load_digits()
    with open(path, "w", encoding="utf-8") as out:
        for label, image in zip(digits.target, digits.images.astype(int)):
            out.write(",".join(map(str, [label, *image.ravel()])) + "\n")
    print(f"wrote {len(digits.target)} digits to {path}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("digits.csv"))
