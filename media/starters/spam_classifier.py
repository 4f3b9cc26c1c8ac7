"""A small project: a spam classifier with scikit-learn.

Run it with:  python spam_classifier.py      (needs: python -m pip install scikit-learn)
The six messages below only show the shape of the code. For a real project, use a labelled
dataset such as the UCI "SMS Spam Collection", read it with pandas, keep the project in git,
and write down what you tried in a README.
"""
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

MESSAGES = [
    ("Win a free phone now, click this link", "spam"),
    ("Lowest prices on watches, limited offer", "spam"),
    ("You have been selected for a cash prize", "spam"),
    ("Are we still meeting for lunch tomorrow?", "ham"),
    ("Here are the notes from today's lecture", "ham"),
    ("Can you send me the dataset when you have a minute?", "ham"),
]


def main() -> None:
    texts = [text for text, _ in MESSAGES]
    labels = [label for _, label in MESSAGES]
    spam_model = make_pipeline(TfidfVectorizer(), LogisticRegression())
    spam_model.fit(texts, labels)

    for message in ["Claim your free prize now", "See you at the lecture"]:
        print(f"{message!r} -> {spam_model.predict([message])[0]}")


if __name__ == "__main__":
    main()
