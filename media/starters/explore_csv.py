"""NumPy and pandas: load a CSV file, compute averages, plot with Matplotlib.

Run it with:  python explore_csv.py
Needs:        python -m pip install numpy pandas matplotlib
It writes a small sample file, weather.csv, the first time; replace it with your own data.
"""
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

DATA = Path(__file__).with_name("weather.csv")


def write_sample(path: Path) -> None:
    rng = np.random.default_rng(seed=0)
    days = pd.date_range("2024-01-01", periods=90, freq="D")
    temperature = 5 + 10 * np.sin(np.linspace(0, np.pi, len(days))) + rng.normal(0, 1.5, len(days))
    rain = rng.gamma(shape=0.6, scale=3.0, size=len(days)).round(1)
    pd.DataFrame({"date": days, "temperature": temperature.round(1), "rain_mm": rain}).to_csv(path, index=False)


def main() -> None:
    if not DATA.exists():
        write_sample(DATA)

    df = pd.read_csv(DATA, parse_dates=["date"])
    print(df.head())
    df.info()
    print("Missing values per column:")
    print(df.isna().sum())

    print(f"Average temperature: {df['temperature'].mean():.1f} °C")
    monthly = df.groupby(df["date"].dt.to_period("M"))[["temperature", "rain_mm"]].mean()
    print(monthly)

    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot(df["date"], df["temperature"], label="daily")
    ax.plot(df["date"], df["temperature"].rolling(7).mean(), label="7-day average")
    ax.set_xlabel("date")
    ax.set_ylabel("temperature (°C)")
    ax.legend()
    fig.tight_layout()
    plt.show()


if __name__ == "__main__":
    main()
