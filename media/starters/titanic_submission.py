"""A first Kaggle submission for the Titanic "Getting Started" competition.

1. Join https://www.kaggle.com/competitions/titanic and download train.csv and test.csv
   into this folder.
2. Run:   python titanic_submission.py      (needs: python -m pip install pandas scikit-learn)
3. Upload the submission.csv it writes on the competition's "Submit Predictions" page.
"""
from pathlib import Path

import pandas as pd
from sklearn.ensemble import RandomForestClassifier

HERE = Path(__file__).parent
FEATURES = ["Pclass", "Sex", "Age", "SibSp", "Parch", "Fare"]


def prepare(df: pd.DataFrame, fill_values: pd.Series) -> pd.DataFrame:
    x = df[FEATURES].copy()
    x["Sex"] = (x["Sex"] == "female").astype(int)
    return x.fillna(fill_values)


def main() -> None:
    train = pd.read_csv(HERE / "train.csv")
    test = pd.read_csv(HERE / "test.csv")
    print(train.head())
    print("Missing values per column:")
    print(train[FEATURES].isna().sum())

    fill_values = train[["Age", "Fare"]].median()
    model = RandomForestClassifier(n_estimators=200, max_depth=6, random_state=1)
    model.fit(prepare(train, fill_values), train["Survived"])

    predictions = model.predict(prepare(test, fill_values))
    submission = pd.DataFrame({"PassengerId": test["PassengerId"], "Survived": predictions})
    submission.to_csv(HERE / "submission.csv", index=False)
    print(f"Wrote {len(submission)} rows to submission.csv")


if __name__ == "__main__":
    main()
