// Computes the reference vectors that TextEmbedderTest compares against, with an independent implementation
// (transformers.js: its own tokenizer and onnxruntime-node), from the same ONNX files the Maven jars carry.
// Run once; the output is committed as embedder-service/src/test/resources/embedding-reference.json.
//   npm install @huggingface/transformers@3   (ONNXRUNTIME_NODE_INSTALL_CUDA=skip)
//   node embedding-reference.mjs <models-dir> > embedding-reference.json
// <models-dir>/{bge,minilm}/ each hold tokenizer.json, onnx/model.onnx, config.json {"model_type":"bert"} and
// tokenizer_config.json {"do_lower_case":true,"model_max_length":512|256}.
import { AutoModel, AutoTokenizer, Tensor, env } from '@huggingface/transformers';

env.allowRemoteModels = false;
env.localModelPath = process.argv[2];

const long = Array.from({ length: 400 }, (_, i) => `let value_${i} = compute(${i});`).join('\n');
const documents = [
  'src/lib.rs · function parse_header\nfn parse_header(line: &str) -> Option<(&str, &str)> {\n    let (k, v) = line.split_once(\':\')?;\n    Some((k.trim(), v.trim()))\n}',
  'README.md · section Install\n## Install\nRun `cargo install ripgrep` and put it on your PATH.',
  'Ünïcödé: naïve café — 東京 🚀 tabs\tand\r\nCRLF',
  'x',
  long,
];
const queries = ['how are headers parsed', 'install instructions'];
const models = [
  { name: 'bge', id: 'bge-small-en-v1.5', pooling: 'cls', maxLength: 512, prefix: 'Represent this sentence for searching relevant passages: ' },
  { name: 'minilm', id: 'all-minilm-l6-v2', pooling: 'mean', maxLength: 256, prefix: '' },
];
// Truncation as HF tokenizers (Rust/Python) and sentence-transformers do it: cut the text's tokens, keep [SEP] last.
// (transformers.js itself cuts after adding special tokens and so drops [SEP]; that is why this is done by hand.)
async function embed(tokenizer, model, text, pooling, maxLength) {
  let ids = tokenizer(text, { add_special_tokens: true }).input_ids.tolist()[0].map(Number);
  if (ids.length > maxLength) {
    ids = [...ids.slice(0, maxLength - 1), ids[ids.length - 1]];
  }
  const n = ids.length;
  const input_ids = new Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, n]);
  const attention_mask = new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);
  const token_type_ids = new Tensor('int64', new BigInt64Array(n).fill(0n), [1, n]);
  const { last_hidden_state } = await model({ input_ids, attention_mask, token_type_ids });
  const data = last_hidden_state.data;
  const dim = last_hidden_state.dims[2];
  const v = new Float64Array(dim);
  if (pooling === 'cls') {
    for (let d = 0; d < dim; d++) v[d] = data[d];
  } else {
    for (let t = 0; t < n; t++) for (let d = 0; d < dim; d++) v[d] += data[t * dim + d] / n;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return Array.from(v, (x) => x / norm);
}

const result = { documents, queries, models: {} };
for (const m of models) {
  const tokenizer = await AutoTokenizer.from_pretrained(m.name);
  const model = await AutoModel.from_pretrained(m.name, { dtype: 'fp32' });
  const docs = [];
  for (const d of documents) docs.push(await embed(tokenizer, model, d, m.pooling, m.maxLength));
  const qs = [];
  for (const q of queries) qs.push(await embed(tokenizer, model, m.prefix + q, m.pooling, m.maxLength));
  result.models[m.id] = { documents: docs, queries: qs };
}
console.log(JSON.stringify(result));
