"""A PyTorch MNIST classifier with two classic training-loop mistakes."""
import tensorflow as tf
import torch
from torch import nn
from torchvision import datasets, transforms

train = datasets.MNIST("data", train=True, download=True, transform=transforms.ToTensor())
loader = torch.utils.data.DataLoader(train, batch_size=64, shuffle=True)

model = nn.Sequential(nn.Flatten(), nn.Linear(28 * 28, 128), nn.ReLU(), nn.Linear(128, 10)).cuda()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(3):
    total_loss = 0
    for images, labels in loader:
        images, labels = images.to("cuda"), labels.to("cuda")
        optimizer.zero_grad()
        loss = criterion(model(images), labels)
        loss.backward()
        optimizer.step()
        total_loss += loss
    print(f"epoch {epoch}: loss {total_loss / len(loader):.3f}")

print("TensorFlow", tf.__version__, "is imported too")
