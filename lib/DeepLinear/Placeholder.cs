namespace DeepLinear;
