"""The int8 ONNX encoder as an MLflow python model, logged "from code" by ``encoder_registry``.

MLflow copies this file into the logged model and runs it when the model is loaded, so it stands
alone: no Django, no bankcrm import; the ONNX file and the tokenizer travel as the model's
artifacts. It computes what ``customers.embeddings.OnnxEncoder`` computes (mean pooling over the
attention mask, unit length); a test holds the two to a cosine of 0.99999.
"""

import numpy as np
import pandas as pd
from mlflow.models import set_model
from mlflow.pyfunc import PythonModel


class OnnxProfileEncoder(PythonModel):
    def load_context(self, context) -> None:
        import onnxruntime
        from transformers import AutoTokenizer

        options = onnxruntime.SessionOptions()
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(
            context.artifacts["onnx"], options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = AutoTokenizer.from_pretrained(context.artifacts["tokenizer"], local_files_only=True)
        config = context.model_config or {}
        self.max_tokens = int(config.get("max_tokens", 256))
        self.batch_size = int(config.get("batch_size", 32))

    def predict(self, context, model_input, params=None) -> np.ndarray:
        texts = _texts(model_input)
        # Batched by length as the app does: int8 activations are scaled per batch, so a text's
        # vector depends (slightly) on the texts it is batched with.
        order = np.argsort([len(text) for text in texts], kind="stable")
        vectors = None
        for start in range(0, len(texts), self.batch_size):
            rows = order[start : start + self.batch_size]
            batch = self._encode([texts[i] for i in rows])
            if vectors is None:
                vectors = np.zeros((len(texts), batch.shape[1]), dtype=np.float32)
            vectors[rows] = batch
        return vectors if vectors is not None else np.zeros((0, 0), dtype=np.float32)

    def _encode(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer(
            texts, padding=True, truncation=True, max_length=self.max_tokens, return_tensors="np"
        )
        feed = {
            name: batch[name].astype(np.int64) for name in ("input_ids", "attention_mask", "token_type_ids")
        }
        hidden = self.session.run(None, feed)[0]
        mask = batch["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def _texts(model_input) -> list[str]:
    """A list of strings, a Series, or a one-column DataFrame (what ``/invocations`` hands over)."""
    if isinstance(model_input, pd.DataFrame):
        model_input = model_input.iloc[:, 0]
    if isinstance(model_input, pd.Series | np.ndarray):
        model_input = model_input.tolist()
    if isinstance(model_input, str):
        model_input = [model_input]
    return [str(text) for text in model_input]


set_model(OnnxProfileEncoder())
