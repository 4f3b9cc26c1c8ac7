"""A first scikit-learn model: predict house prices in California.

Run it with:  python california_housing.py
Needs:        python -m pip install scikit-learn pandas
scikit-learn downloads the data once (about 400 kB) into ~/scikit_learn_data.
(The old Boston housing dataset was removed from scikit-learn 1.2; this is its replacement.)
"""
from sklearn.datasets import fetch_california_housing
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split


def main() -> None:
    housing = fetch_california_housing(as_frame=True)
    features, target = housing.data, housing.target  # target: median house value, in $100,000
    print(features.describe())

    x_train, x_test, y_train, y_test = train_test_split(features, target, test_size=0.2, random_state=42)
    model = LinearRegression()
    model.fit(x_train, y_train)

    predictions = model.predict(x_test)
    print(f"Mean absolute error: {mean_absolute_error(y_test, predictions):.3f} (× $100,000)")
    print(f"R² on the test set: {model.score(x_test, y_test):.3f}")


if __name__ == "__main__":
    main()
