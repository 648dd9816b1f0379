// Parts of realistic Japanese company names, with kana readings and Latin forms.
export const NAME_STEMS: ReadonlyArray<readonly [kanji: string, kana: string, latin: string]> = [
  ["青葉", "アオバ", "Aoba"], ["旭", "アサヒ", "Asahi"], ["東都", "トウト", "Toto"], ["北斗", "ホクト", "Hokuto"],
  ["三和", "サンワ", "Sanwa"], ["大和", "ヤマト", "Yamato"], ["富士見", "フジミ", "Fujimi"], ["桜井", "サクライ", "Sakurai"],
  ["丸の内", "マルノウチ", "Marunouchi"], ["日本橋", "ニホンバシ", "Nihonbashi"], ["中央", "チュウオウ", "Chuo"], ["高輪", "タカナワ", "Takanawa"],
  ["湘南", "ショウナン", "Shonan"], ["瀬戸内", "セトウチ", "Setouchi"], ["九州", "キュウシュウ", "Kyushu"], ["北陸", "ホクリク", "Hokuriku"],
  ["みらい", "ミライ", "Mirai"], ["ひかり", "ヒカリ", "Hikari"], ["あおぞら", "アオゾラ", "Aozora"], ["はやぶさ", "ハヤブサ", "Hayabusa"],
  ["松風", "マツカゼ", "Matsukaze"], ["若葉", "ワカバ", "Wakaba"], ["白鷺", "シラサギ", "Shirasagi"], ["朝日", "アサヒ", "Asahi"],
  ["協和", "キョウワ", "Kyowa"], ["共栄", "キョウエイ", "Kyoei"], ["昭和", "ショウワ", "Showa"], ["平和", "ヘイワ", "Heiwa"],
  ["新栄", "シンエイ", "Shin-ei"], ["東洋", "トウヨウ", "Toyo"], ["太平", "タイヘイ", "Taihei"], ["明和", "メイワ", "Meiwa"],
  ["山城", "ヤマシロ", "Yamashiro"], ["吉野", "ヨシノ", "Yoshino"], ["南海", "ナンカイ", "Nankai"], ["常盤", "トキワ", "Tokiwa"],
  ["葵", "アオイ", "Aoi"], ["千代田", "チヨダ", "Chiyoda"], ["浜松", "ハママツ", "Hamamatsu"], ["仙台", "センダイ", "Sendai"],
  ["札幌", "サッポロ", "Sapporo"], ["横浜", "ヨコハマ", "Yokohama"], ["神戸", "コウベ", "Kobe"], ["名古屋", "ナゴヤ", "Nagoya"],
  ["エムケイ", "エムケイ", "MK"], ["サンライズ", "サンライズ", "Sunrise"], ["グリーン", "グリーン", "Green"], ["ブルースカイ", "ブルースカイ", "Blue Sky"],
];

export const INDUSTRIES: ReadonlyArray<readonly [kanji: string, kana: string, latin: string]> = [
  ["システム", "システム", "System"], ["ソリューションズ", "ソリューションズ", "Solutions"], ["テクノロジー", "テクノロジー", "Technology"],
  ["商事", "ショウジ", "Shoji"], ["物産", "ブッサン", "Bussan"], ["物流", "ブツリュウ", "Logistics"], ["運輸", "ウンユ", "Transport"],
  ["製作所", "セイサクショ", "Manufacturing"], ["工業", "コウギョウ", "Industries"], ["電機", "デンキ", "Electric"], ["化学", "カガク", "Chemical"],
  ["食品", "ショクヒン", "Foods"], ["製菓", "セイカ", "Confectionery"], ["建設", "ケンセツ", "Construction"], ["不動産", "フドウサン", "Real Estate"],
  ["証券", "ショウケン", "Securities"], ["保険サービス", "ホケンサービス", "Insurance Services"], ["メディカル", "メディカル", "Medical"],
  ["薬品", "ヤクヒン", "Pharmaceutical"], ["ホールディングス", "ホールディングス", "Holdings"], ["デジタル", "デジタル", "Digital"],
  ["ネットワークス", "ネットワークス", "Networks"], ["情報サービス", "ジョウホウサービス", "Information Services"], ["ゲームス", "ゲームス", "Games"],
  ["出版", "シュッパン", "Publishing"], ["教育", "キョウイク", "Education"], ["ホテルズ", "ホテルズ", "Hotels"], ["観光", "カンコウ", "Tourism"],
];

export const LEGAL_FORMS: ReadonlyArray<readonly [kanji: string, latin: string, prefix: boolean, weight: number]> = [
  ["株式会社", "Co., Ltd.", true, 6],
  ["株式会社", "Co., Ltd.", false, 5],
  ["合同会社", "LLC", false, 1],
  ["有限会社", "Ltd.", false, 1],
];

export const PREFECTURES = [
  ["東京都", "100-0005", "千代田区丸の内"], ["東京都", "105-0011", "港区芝公園"], ["東京都", "160-0023", "新宿区西新宿"],
  ["大阪府", "530-0001", "大阪市北区梅田"], ["愛知県", "450-0002", "名古屋市中村区名駅"], ["福岡県", "812-0011", "福岡市博多区博多駅前"],
  ["北海道", "060-0005", "札幌市中央区北五条西"], ["宮城県", "980-0021", "仙台市青葉区中央"], ["神奈川県", "220-0012", "横浜市西区みなとみらい"],
  ["京都府", "600-8216", "京都市下京区東塩小路町"], ["広島県", "730-0011", "広島市中区基町"], ["兵庫県", "650-0021", "神戸市中央区三宮町"],
] as const;

export const FAMILY_NAMES = [
  ["佐藤", "Sato"], ["鈴木", "Suzuki"], ["高橋", "Takahashi"], ["田中", "Tanaka"], ["伊藤", "Ito"], ["渡辺", "Watanabe"],
  ["山本", "Yamamoto"], ["中村", "Nakamura"], ["小林", "Kobayashi"], ["加藤", "Kato"], ["吉田", "Yoshida"], ["山田", "Yamada"],
] as const;

export const GIVEN_NAMES = [
  ["健太", "kenta"], ["美咲", "misaki"], ["大輔", "daisuke"], ["陽子", "yoko"], ["翔", "sho"], ["彩", "aya"],
  ["直樹", "naoki"], ["真由美", "mayumi"], ["拓也", "takuya"], ["恵", "megumi"],
] as const;

export const DEPARTMENTS = [
  ["情報システム部", "it"], ["経営企画部", "planning"], ["マーケティング部", "marketing"], ["研究開発部", "rnd"], ["EC事業部", "ec"],
] as const;

export const BANKS = ["三菱UFJ銀行", "三井住友銀行", "みずほ銀行", "りそな銀行", "横浜銀行", "福岡銀行"] as const;
