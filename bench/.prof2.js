const fs=require('fs');
const {parseTree}=require('jsonc-parser');
const {parseSource,decodeBytes}=require('/work/main/dist/src/parse');
const {buildModel,classifyDocument}=require('/work/main/dist/src/model');
const {glob}=require('tinyglobby');
(async()=>{
const files=await glob(['**/*.json'],{cwd:'/work/shared/corpus/templates',absolute:true});
const texts=files.map(f=>decodeBytes(fs.readFileSync(f)).text);
for (let r=0;r<2;r++){
let t=Date.now(); for(const x of texts) parseTree(x,[],{allowTrailingComma:true}); const a=Date.now()-t;
t=Date.now(); for(const x of texts) parseSource(x); const b=Date.now()-t;
t=Date.now(); for(const x of texts){const s=parseSource(x); if(classifyDocument(s.root)==='template'&&!s.errors.length) buildModel(s,s.root);} const c=Date.now()-t;
console.log({parseTree:a,parseSource:b,parsePlusModel:c});}
})();
