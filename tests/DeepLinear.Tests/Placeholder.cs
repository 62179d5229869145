namespace DeepLinear.Tests;
