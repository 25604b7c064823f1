var c=class extends Error{},k=document.body.dataset.graphql||"/graphql";async function f(t,n={}){let o=/^\s*query\s+(\w+)/m.exec(t)?.[1],a;try{a=await fetch(k,{method:"POST",headers:{"Content-Type":"application/json",Accept:"application/json"},body:JSON.stringify({query:t,variables:n,operationName:o})})}catch(r){throw new c(`network: ${r.message}`)}let s;try{s=await a.json()}catch{throw new c(`HTTP ${a.status} ${a.statusText}`)}if(s.errors?.length)throw new c(s.errors.map(r=>r.message).join("; "));if(!a.ok||!s.data)throw new c(`HTTP ${a.status} ${a.statusText}`);return s.data}function e(t,n=null,...o){let a=document.createElement(t);for(let[s,r]of Object.entries(n??{}))r==null||r===!1||(typeof r=="function"?a.addEventListener(s.slice(2),r):a.setAttribute(s,r===!0?"":String(r)));return h(a,o),a}function h(t,n){for(let o of n)o==null||o===!1||(Array.isArray(o)?h(t,o):t.appendChild(typeof o=="object"?o:document.createTextNode(String(o))))}function p(t,...n){t.replaceChildren(),h(t,n)}var E="sourcecmp.lang",D={compare:["比較","Compare"],playground:["GraphQL","GraphQL"],switchLang:["English","日本語"],switchLangLabel:["Switch to English","日本語に切り替える"],topic:["トピック","Topic"],loading:["読み込み中…","Loading…"],error:["データを取得できませんでした","Could not load the data"],retry:["再読み込み","Reload"],noTopics:["トピックがありません。","There are no topics."],noDocuments:["文書がありません。","There are no documents."],noStance:["この文書はこのトピックについて立場を示していません","No stance on this topic"],coverage:["このトピックに割かれた本文","Share of the text on this topic"],citations:["根拠となる引用","Supporting quotes"],evidence:["関連する箇所","Related passages"],openCitation:["本文で読む","Read in context"],unanchored:["本文の更新により位置を特定できません","No longer found in the updated text"],stances:["この文書の立場","This document's stances"],backToCompare:["比較に戻る","Back to the comparison"],notes:["注","Notes"],notesHere:["この段落の注","This paragraph's notes"],noteMissing:["（注の本文は原文にありません）","(the source does not give the note’s text)"],source:["原文","Source"],updated:["更新","updated"],notFound:["文書が見つかりません","Document not found"],citationNotFound:["引用が見つかりません","Quote not found"],positions:["立場の分布","Positions"]};function H(){let t=new URLSearchParams(location.search).get("lang");if(t==="en"||t==="ja")return t;try{let n=localStorage.getItem(E);if(n==="en"||n==="ja")return n}catch{}return"ja"}var u=H(),L=[];document.documentElement.lang=u;function d(){return u}function x(t){u=t,document.documentElement.lang=t;try{localStorage.setItem(E,t)}catch{}for(let n of L)n()}function m(t){L.push(t)}function i(t){return D[t][u==="ja"?0:1]}function l(t,n){return u==="en"&&n?n:t}function w(t){if(!t)return"";let n=new Date(t+"T00:00:00Z");if(Number.isNaN(n.getTime()))return t;let o={year:"numeric",month:u==="ja"?"long":"short",day:"numeric",timeZone:"UTC"};return new Intl.DateTimeFormat(u==="ja"?"ja-JP":"en-GB",o).format(n)}function C(t){let n=e("header",{class:"bar"}),o=e("main",{id:"main",class:`page page-${t}`}),a=()=>p(n,e("a",{class:"brand",href:"/compare"},e("span",{class:"brand-mark","aria-hidden":"true"}),"sourcecmp"),e("nav",{class:"nav"},e("a",{href:"/compare","aria-current":t==="compare"?"page":null},i("compare")),e("a",{href:"/"},i("playground"))),e("button",{type:"button",class:"lang","data-testid":"lang-toggle","aria-label":i("switchLangLabel"),onclick:()=>x(d()==="ja"?"en":"ja")},i("switchLang")));a(),m(a);let s=document.getElementById("app");return p(s,n,o),o}function N(t){p(t,e("p",{class:"status",role:"status"},i("loading")))}function y(t,n,o){p(t,e("div",{class:"status status-error",role:"alert","data-testid":"error"},e("h1",null,n),o&&e("p",{class:"status-detail"},o),e("button",{type:"button",onclick:()=>location.reload()},i("retry"))))}function S(t){let n=document.createDocumentFragment(),o=0;for(let a of t.matchAll(/【([^】]*)】/g))n.append(t.slice(o,a.index),e("b",{class:"hit"},a[1])),o=a.index+a[0].length;return n.append(t.slice(o)),n}var M=`query Compare($topic: String!) {
  compare(topic: $topic) {
    topic {
      slug
      name
      nameEn: name(lang: EN)
      description
      descriptionEn: description(lang: EN)
      positions {
        slug
        label
        labelEn: label(lang: EN)
      }
    }
    rows: nodes {
      document {
        slug
        title
        subtitle
        publisher
        publishedOn
      }
      authors {
        name
        affiliation
      }
      coverage
      stance {
        position
        positionLabel
        positionLabelEn: positionLabel(lang: EN)
        summary
        summaryEn: summary(lang: EN)
        citations {
          id
          quote
          anchored
          section {
            heading
          }
        }
      }
      evidence(first: 2) {
        nodes {
          snippet
          paragraph {
            ordinal
          }
        }
      }
    }
  }
}
`;var j=`query Topics {
  topics {
    slug
    name
    nameEn: name(lang: EN)
  }
}
`;var g=C("compare"),v=null;async function T(){N(g);try{let{topics:t}=await f(j);if(t.length===0)return y(g,i("noTopics"));let n=new URLSearchParams(location.search).get("topic"),o=t.some(s=>s.slug===n)?n:t[0].slug;o!==n&&history.replaceState(null,"",b(o));let{compare:a}=await f(M,{topic:o});v={topics:t,...a},R()}catch(t){y(g,i("error"),t instanceof c?t.message:String(t))}}function b(t){let n=new URLSearchParams(location.search);return n.set("topic",t),`/compare?${n}`}function R(){if(!v)return;let{topics:t,topic:n,rows:o}=v;document.title=`${l(n.name,n.nameEn)} — sourcecmp`,p(g,e("nav",{class:"topics","aria-label":i("topic"),"data-testid":"topic-picker"},t.map(a=>e("a",{class:"chip",href:b(a.slug),"data-topic":a.slug,"aria-current":a.slug===n.slug?"page":null,onclick:s=>{s.preventDefault(),history.pushState(null,"",b(a.slug)),T()}},l(a.name,a.nameEn)))),e("section",{class:"topic-head"},e("h1",null,l(n.name,n.nameEn)),e("p",{class:"topic-desc"},l(n.description,n.descriptionEn)),A(n.positions,o)),o.length===0?e("p",{class:"status"},i("noDocuments")):e("div",{class:"columns","data-testid":"compare-columns"},o.map(a=>F(a,n.positions))))}function A(t,n){let o=s=>n.filter(r=>r.stance?.position===s).length,a=n.filter(s=>!s.stance).length;return e("ul",{class:"legend","aria-label":i("positions")},t.map((s,r)=>e("li",{class:`pill pos-${r%6}`},l(s.label,s.labelEn),e("span",{class:"pill-count"},o(s.slug)))),a>0&&e("li",{class:"pill pos-none"},i("noStance"),e("span",{class:"pill-count"},a)))}function F(t,n){let o=t.document,a=`/documents/${encodeURIComponent(o.slug)}`,s=[o.publisher,w(o.publishedOn)].filter(Boolean).join(" · ");return e("article",{class:"doc-col","data-testid":"document-column","data-slug":o.slug},e("header",{class:"doc-head"},s&&e("p",{class:"doc-meta"},s),e("h2",{class:"doc-title"},e("a",{href:a},o.title??o.slug)),t.authors.length>0&&e("p",{class:"doc-authors"},t.authors.map((r,$)=>[$>0&&"、",r.name,r.affiliation&&e("span",{class:"affil"},`（${r.affiliation}）`)]))),I(t,n),U(t.coverage),(t.stance?K(t,a):O(t,a))??e("div",{class:"doc-empty"}))}function I(t,n){let o=t.stance;if(!o)return e("p",{class:"no-stance","data-testid":"no-stance"},i("noStance"));let a=n.findIndex(s=>s.slug===o.position);return e("div",{class:"stance","data-position":o.position},e("span",{class:`pill pos-${a<0?"none":a%6}`},l(o.positionLabel,o.positionLabelEn)),e("p",{class:"summary",lang:d()==="en"&&o.summaryEn?"en":"ja"},l(o.summary,o.summaryEn)))}function U(t){let n=t>0&&t<.005?"<1%":`${Math.round(t*100)}%`,o=e("div",{class:"coverage-fill"});return o.style.width=`${Math.max(0,Math.min(1,t))*100}%`,e("div",{class:"coverage","data-testid":"coverage"},e("div",{class:"coverage-label"},e("span",null,i("coverage")),e("span",{class:"coverage-pct"},n)),e("div",{class:"coverage-track",role:"meter","aria-valuemin":0,"aria-valuemax":100,"aria-valuenow":Math.round(t*100),"aria-label":i("coverage")},o))}function K(t,n){let o=t.stance?.citations??[];return o.length===0?null:e("section",{class:"citations"},e("h3",null,i("citations")),e("ol",null,o.map(a=>e("li",null,e("a",{class:"citation",href:`${n}#c=${encodeURIComponent(a.id)}`,"data-testid":"citation-link","data-citation":a.id,title:i("openCitation")},e("q",{lang:"ja"},a.quote)),e("p",{class:"cite-where"},a.section?.heading&&`§ ${a.section.heading}`,!a.anchored&&e("span",{class:"warn"},i("unanchored")))))))}function O(t,n){return t.evidence.nodes.length===0?null:e("section",{class:"citations evidence"},e("h3",null,i("evidence")),e("ol",null,t.evidence.nodes.map(o=>e("li",null,e("a",{class:"citation",href:`${n}#p-${o.paragraph.ordinal}`,"data-testid":"evidence-link",lang:"ja"},S(o.snippet))))))}m(R);window.addEventListener("popstate",()=>{T()});T();
