"""First model: predict house prices (the way an old tutorial does it)."""
import numpy as np
import pandas as pd
from sklearn.datasets import load_boston
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

boston = load_boston()
X = pd.DataFrame(boston.data, columns=boston.feature_names)
y = boston.target

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
model = LinearRegression()
model.fit(X_train, y_train)
errors = np.array(model.predict(X_test) - y_test, dtype=np.float)
print("mean absolute error:", np.abs(errors).mean())
