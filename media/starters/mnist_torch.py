"""A small PyTorch network that classifies MNIST handwritten digits.

Run it with:  python mnist_torch.py
Needs:        python -m pip install torch torchvision
torchvision downloads MNIST (about 12 MB) into ./data the first time.
"""
import torch
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

# Use a GPU when there is one; the same code runs on the CPU.
DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class DigitClassifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(),
            nn.Linear(28 * 28, 128),
            nn.ReLU(),
            nn.Linear(128, 10),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


def train_one_epoch(model: nn.Module, loader: DataLoader, optimizer: torch.optim.Optimizer) -> float:
    model.train()
    loss_fn = nn.CrossEntropyLoss()
    total_loss = 0.0
    for batch_images, batch_labels in loader:
        images, labels = batch_images.to(DEVICE), batch_labels.to(DEVICE)
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        optimizer.step()
        total_loss += loss.item()  # .item(): a number, not a tensor that keeps the graph alive
    return total_loss / len(loader)


@torch.no_grad()
def accuracy(model: nn.Module, loader: DataLoader) -> float:
    model.eval()
    correct = 0
    for images, labels in loader:
        predictions = model(images.to(DEVICE)).argmax(dim=1)
        correct += (predictions == labels.to(DEVICE)).sum().item()
    return correct / len(loader.dataset)


def main() -> None:
    to_tensor = transforms.ToTensor()
    train_data = datasets.MNIST("data", train=True, download=True, transform=to_tensor)
    test_data = datasets.MNIST("data", train=False, download=True, transform=to_tensor)
    train_loader = DataLoader(train_data, batch_size=64, shuffle=True)
    test_loader = DataLoader(test_data, batch_size=256)

    model = DigitClassifier().to(DEVICE)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(1, 4):
        loss = train_one_epoch(model, train_loader, optimizer)
        print(f"epoch {epoch}: loss {loss:.4f}, test accuracy {accuracy(model, test_loader):.2%}")


if __name__ == "__main__":
    main()
